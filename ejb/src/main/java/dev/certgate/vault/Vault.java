package dev.certgate.vault;

import dev.certgate.api.CertgateException;
import dev.certgate.api.ErrorCategory;
import dev.certgate.boundary.CoreFailures;
import dev.certgate.core.pki.Pem;
import dev.certgate.core.vault.Envelope;
import dev.certgate.core.vault.InstanceKey;
import dev.certgate.core.vault.InstanceKeyFile;
import dev.certgate.logging.CertgateLog;
import dev.certgate.settings.CertgateSettings;
import dev.certgate.settings.Secret;
import dev.certgate.settings.Settings;
import dev.certgate.vault.model.SealedKey;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's holder of the installation's key-encryption key (KEK). The KEK comes from, in this order:
 * <ol>
 *   <li>the setting {@code certgate.vault.kek} (environment {@code CERTGATE_VAULT_KEK} or {@code CERTGATE_KEK}) —
 *   32 bytes in base64, supplied by the operator (for example from an Elytron credential store or a secrets
 *   manager), so every node of one installation shares it;</li>
 *   <li>else the file named by {@code certgate.vault.key-file}, by default {@code certgate/instance.key} under the
 *   server's data dir, created on first start (owner-only).</li>
 * </ol>
 * When the KEK cannot be loaded the server still starts; sealing and opening then fail with a clear message. During a
 * rotation a second, pending KEK exists until the rotation's transaction ends (see {@link KeyRotation}).
 */
@Singleton
@Startup
@DependsOn("Settings")
@PermitAll // internal: no remote view; the calling service checked the roles
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Vault {

    /** How messages name the operator-supplied KEK's setting and its environment variables. */
    public static final String KEK_NAMES = CertgateSettings.VAULT_KEK.name() + " ("
            + String.join(" or ", CertgateSettings.VAULT_KEK.environment()) + ")";

    private volatile InstanceKey kek;
    private volatile boolean supplied;
    /** Guards {@link #rotating} and {@link #inFlight}: sealing and starting a rotation exclude each other. */
    private final Object gate = new Object();
    private boolean rotating;
    private int inFlight;

    @jakarta.annotation.Resource
    private jakarta.transaction.TransactionSynchronizationRegistry transactions;

    @EJB
    private Settings settings;
    private volatile Path keyFile;
    private volatile String unavailableReason = "the instance key has not been loaded";

    /** What a sealed key belongs to; bound into its ciphertext, so a key moved to another row does not open. */
    public enum Owner {
        /** a stored certificate's key; the row id is the certificate's id */
        CERTIFICATE("certificate"),
        /** the local CA's key */
        LOCAL_CA("local-ca"),
        /** the ACME account's key */
        ACME_ACCOUNT("acme-account"),
        /** the ACME External Account Binding's HMAC key (a secret, not a private key) */
        ACME_EAB("acme-eab"),
        /** an alert webhook's signing secret (a secret, not a private key) */
        ALERT_WEBHOOK("alert-webhook");

        private final String label;

        Owner(String label) {
            this.label = label;
        }
    }

    @PostConstruct
    void loadInstanceKey() {
        CertgateSettings current = settings.current();
        keyFile = current.vaultKeyFile();
        Optional<Secret> given = current.vaultKek();
        if (given.isPresent()) {
            loadSupplied(given.get().reveal());
            return;
        }
        Path file = keyFile;
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

    private void loadSupplied(String base64) {
        byte[] material = null;
        try {
            material = Base64.getDecoder().decode(base64.strip());
            kek = InstanceKey.of(material);
            supplied = true;
            CertgateLog.instanceKeySupplied(kek.id());
        } catch (IllegalArgumentException e) {
            unavailableReason = "the instance key given in " + KEK_NAMES + " is not 32 bytes of base64";
            // Not e: a base64 decoder's message quotes the offending character of the key.
            CertgateLog.instanceKeyUnavailable(Path.of(CertgateSettings.VAULT_KEK.name()),
                    new IllegalArgumentException("not 32 bytes of base64"));
        } finally {
            if (material != null) {
                Arrays.fill(material, (byte) 0);
            }
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

    /**
     * Seals a private key for the row {@code id} of {@code owner} under the current KEK. Refused while a rotation
     * runs; a rotation waits until every transaction that sealed a key has ended, so no key is ever left sealed
     * under a retired KEK.
     */
    public SealedKey seal(Owner owner, String id, PrivateKey key) throws CertgateException {
        byte[] pkcs8 = key.getEncoded();
        try {
            return sealSecret(owner, id, pkcs8);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /**
     * Seals secret bytes (e.g. an HMAC key) for the row {@code id} of {@code owner}, as {@link #seal(Owner, String,
     * PrivateKey)} does a private key. The caller clears {@code secret} when it no longer needs it.
     */
    public SealedKey sealSecret(Owner owner, String id, byte[] secret) throws CertgateException {
        InstanceKey current = requireKey();
        synchronized (gate) {
            if (rotating) {
                throw new CertgateException(ErrorCategory.UNAVAILABLE,
                        "The instance key is being rotated. Try again in a few seconds.");
            }
            inFlight++;
        }
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                synchronized (gate) {
                    inFlight--;
                    gate.notifyAll();
                }
            }
        });
        return sealBytes(owner, id, secret, current);
    }

    /** Opens secret bytes sealed by {@link #sealSecret}; the caller clears them after use. */
    public byte[] openSecret(Owner owner, String id, SealedKey sealed) throws CertgateException {
        return openBytes(owner, id, sealed, requireKey());
    }

    /**
     * For {@link InstanceKeyServiceBean} only (public because it is called through the container): closes the gate
     * for sealing and waits for transactions that sealed a key to end.
     *
     * @return false when they did not end within the time given (the gate is open again)
     */
    public boolean beginRotation(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (gate) {
            if (rotating) {
                return false;
            }
            rotating = true;
            while (inFlight > 0) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    rotating = false;
                    return false;
                }
                gate.wait(left);
            }
            return true;
        }
    }

    /** Opens the gate again, with {@code next} as the KEK when the rotation committed (null when it did not). */
    public void endRotation(InstanceKey next) {
        synchronized (gate) {
            if (next != null) {
                kek = next;
            }
            rotating = false;
        }
    }

    /**
     * Opens the sealed private key of the row {@code id} of {@code owner}.
     *
     * @throws CertgateException when this installation's KEK did not seal it, or it was altered or moved
     */
    public PrivateKey open(Owner owner, String id, SealedKey sealedKey) throws CertgateException {
        return open(owner, id, sealedKey, requireKey());
    }

    /**
     * Opens a certificate's sealed key, or says it cannot: for callers that go on without it (the gateway leaves
     * such a certificate out). Unlike {@link #open(String, SealedKey)} it throws nothing, so it never marks the
     * caller's transaction for rollback.
     */
    public Optional<PrivateKey> tryOpen(String certificateId, SealedKey sealedKey) {
        return keyOpener().tryOpen(certificateId, sealedKey);
    }

    /**
     * Opens many certificates' keys without a container call per key, from any thread: for the gateway's snapshot,
     * which opens every stored key at start. Bound to the KEK in use now; like {@link #tryOpen} it throws nothing.
     */
    public KeyOpener keyOpener() {
        return new KeyOpener(kek);
    }

    /** See {@link Vault#keyOpener()}. Holds the KEK privately; thread-safe. */
    public static final class KeyOpener {

        private final InstanceKey kek;

        private KeyOpener(InstanceKey kek) {
            this.kek = kek;
        }

        /** The certificate's private key, or empty when it does not open under this installation's KEK. */
        public Optional<PrivateKey> tryOpen(String certificateId, SealedKey sealedKey) {
            if (kek == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(open(Owner.CERTIFICATE, certificateId, sealedKey, kek));
            } catch (CertgateException | RuntimeException e) {
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return "KeyOpener"; // never the key
        }
    }

    /** The id of the installation's KEK (not the key): names this installation in the local CA's subject. */
    public String instanceKeyId() throws CertgateException {
        return requireKey().id();
    }

    /** Whether the KEK was supplied by the operator (then certgate cannot rotate it itself). */
    public boolean isSupplied() {
        return supplied;
    }

    /** The file the KEK lives in (when not supplied). */
    public Path instanceKeyFile() {
        return keyFile;
    }

    /** Makes {@code next} the KEK for everything that follows (recovery of a rotation that had committed). */
    public void switchTo(InstanceKey next) {
        kek = Objects.requireNonNull(next, "next");
    }

    static SealedKey seal(Owner owner, String id, PrivateKey key, InstanceKey with) {
        byte[] pkcs8 = key.getEncoded();
        try {
            return sealBytes(owner, id, pkcs8, with);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    static SealedKey sealBytes(Owner owner, String id, byte[] secret, InstanceKey with) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(id, "id");
        Envelope.Sealed sealed = Envelope.seal(secret, with, aad(owner, id, with.id()));
        return new SealedKey(sealed.kekId(), sealed.wrappedDataKey(), sealed.ciphertext());
    }

    static byte[] openBytes(Owner owner, String id, SealedKey sealedKey, InstanceKey with) throws CertgateException {
        try {
            return Envelope.open(new Envelope.Sealed(sealedKey.kekId(), sealedKey.wrappedDataKey(),
                    sealedKey.ciphertext()), with, aad(owner, id, sealedKey.kekId()));
        } catch (Envelope.WrongKeyException e) {
            throw CoreFailures.toApi(e);
        }
    }

    /** Opens what {@code from} sealed and seals it again under {@code to}, whatever it is (rotation). */
    static SealedKey reseal(Owner owner, String id, SealedKey sealedKey, InstanceKey from, InstanceKey to)
            throws CertgateException {
        byte[] secret = openBytes(owner, id, sealedKey, from);
        try {
            return sealBytes(owner, id, secret, to);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    static PrivateKey open(Owner owner, String id, SealedKey sealedKey, InstanceKey with) throws CertgateException {
        byte[] pkcs8 = openBytes(owner, id, sealedKey, with);
        try {
            return Pem.privateKeyFromPkcs8(pkcs8);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** The KEK in use, for the rotation; never leaves the vault package's classes (its key bytes are not public). */
    public InstanceKey requireKey() throws CertgateException {
        InstanceKey current = kek;
        if (current == null) {
            throw new CertgateException(ErrorCategory.UNAVAILABLE, "Private keys cannot be stored or opened: "
                    + unavailableReason
                    + ". See the server log (CERTGATE-1104).");
        }
        return current;
    }

    /** Binds a sealed key to its row and its KEK. */
    private static byte[] aad(Owner owner, String id, String kekId) {
        return ("certgate/" + owner.label + "/" + id + "/kek/" + kekId).getBytes(StandardCharsets.UTF_8);
    }
}
