package dev.certgate.vault;

import dev.certgate.api.CertgateException;
import dev.certgate.certificates.SealedKey;
import dev.certgate.logging.CertgateLog;
import dev.certgate.pki.Pem;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * The server's holder of the installation's key-encryption key. Loads it (or creates it on first start) from the
 * file named by the system property {@value #KEY_FILE_PROPERTY}, by default {@code certgate/instance.key} under the
 * server's data dir. When the key cannot be loaded the server still starts; sealing and opening then fail with a
 * clear message.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Vault {

    /** System property naming the instance key file. */
    public static final String KEY_FILE_PROPERTY = "certgate.vault.key-file";

    private volatile InstanceKey kek;
    private volatile String unavailableReason = "the instance key has not been loaded";

    @PostConstruct
    void loadInstanceKey() {
        Path file = keyFile();
        try {
            InstanceKeyFile.Loaded loaded = InstanceKeyFile.loadOrCreate(file);
            kek = loaded.key();
            if (loaded.created()) {
                CertgateLog.instanceKeyCreated(file, kek.id());
            } else {
                CertgateLog.instanceKeyLoaded(file, kek.id());
            }
            if (InstanceKeyFile.isExposed(file)) {
                CertgateLog.instanceKeyExposed(file);
            }
        } catch (IOException | RuntimeException e) {
            unavailableReason = "the instance key file " + file + " cannot be used: " + e.getMessage();
            CertgateLog.instanceKeyUnavailable(file, e);
        }
    }

    /** What a sealed key belongs to; bound into its ciphertext, so a key moved to another row does not open. */
    public enum Owner {
        /** a stored certificate's key; the row id is the certificate's id */
        CERTIFICATE("certificate"),
        /** the local CA's key */
        LOCAL_CA("local-ca");

        private final String label;

        Owner(String label) {
            this.label = label;
        }
    }

    /** Seals a private key for the certificate row {@code certificateId}. */
    public SealedKey seal(String certificateId, PrivateKey key) throws CertgateException {
        return seal(Owner.CERTIFICATE, certificateId, key);
    }

    /** Opens the sealed private key of the certificate row {@code certificateId}. */
    public PrivateKey open(String certificateId, SealedKey sealedKey) throws CertgateException {
        return open(Owner.CERTIFICATE, certificateId, sealedKey);
    }

    /** Seals a private key for the row {@code id} of {@code owner}. */
    public SealedKey seal(Owner owner, String id, PrivateKey key) throws CertgateException {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(id, "id");
        InstanceKey current = requireKey();
        byte[] pkcs8 = key.getEncoded();
        try {
            Envelope.Sealed sealed = Envelope.seal(pkcs8, current, aad(owner, id, current.id()));
            return new SealedKey(sealed.kekId(), sealed.wrappedDataKey(), sealed.ciphertext());
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /**
     * Opens the sealed private key of the row {@code id} of {@code owner}.
     *
     * @throws Envelope.WrongKeyException when this installation's KEK did not seal it, or it was altered or moved
     */
    public PrivateKey open(Owner owner, String id, SealedKey sealedKey) throws CertgateException {
        InstanceKey current = requireKey();
        byte[] pkcs8 = Envelope.open(new Envelope.Sealed(sealedKey.kekId(), sealedKey.wrappedDataKey(),
                sealedKey.ciphertext()), current, aad(owner, id, sealedKey.kekId()));
        try {
            return Pem.privateKeyFromPkcs8(pkcs8);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** The id of the installation's KEK (not the key): names this installation in the local CA's subject. */
    public String instanceKeyId() throws CertgateException {
        return requireKey().id();
    }

    private InstanceKey requireKey() throws CertgateException {
        InstanceKey current = kek;
        if (current == null) {
            throw new CertgateException("Private keys cannot be stored or opened: " + unavailableReason
                    + ". See the server log (CERTGATE-1104).");
        }
        return current;
    }

    /** Binds a sealed key to its row and its KEK. */
    private static byte[] aad(Owner owner, String id, String kekId) {
        return ("certgate/" + owner.label + "/" + id + "/kek/" + kekId).getBytes(StandardCharsets.UTF_8);
    }

    static Path keyFile() {
        String configured = System.getProperty(KEY_FILE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String dataDir = System.getProperty("jboss.server.data.dir", ".");
        return Path.of(dataDir, "certgate", "instance.key");
    }
}
