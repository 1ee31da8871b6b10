package dev.certgate.vault;

import dev.certgate.api.CertgateException;
import dev.certgate.api.ErrorCategory;
import dev.certgate.boundary.CoreFailures;
import dev.certgate.core.pki.Pem;
import dev.certgate.core.vault.Envelope;
import dev.certgate.core.vault.InstanceKey;
import dev.certgate.core.vault.Keyring;
import dev.certgate.core.vault.KeyringFile;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The server's holder of the installation's key-encryption keys (KEKs): a keyring (key id to key) that opens what any
 * key it holds sealed, and seals under the active key, which the database records ({@link KeyringRecord}) so that every
 * node seals under the same one. The keyring comes from, in this order:
 * <ol>
 *   <li>the setting {@code certgate.vault.kek} (environment {@code CERTGATE_VAULT_KEK} or {@code CERTGATE_KEK}) —
 *   32 bytes in base64, supplied by the operator (for example from an Elytron credential store or a secrets
 *   manager): a keyring of that one key, which certgate cannot rotate;</li>
 *   <li>else the keyring file named by {@code certgate.vault.key-file}, by default {@code certgate/instance.key}
 *   under the server's data dir ({@link KeyringFile}: one key per line; the single-key file of earlier versions is
 *   one). When it does not exist, {@link InstanceKeyCheck} creates it at start only if no stored key is sealed.</li>
 * </ol>
 * When no usable key is held the server still starts; sealing and opening then fail with a clear message. A node
 * that does not hold the active key opens what it can and seals nothing.
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

    private volatile Keyring keyring = Keyring.empty();
    /** The active key's id as the database records it; null until {@link InstanceKeyCheck} has read it. */
    private volatile String activeId;
    private volatile boolean supplied;
    /** When the keyring file was last read: a poll reads it again when it changed (a key copied in by hand). */
    private volatile FileTime fileStamp;
    /** Guards {@link #sealing}: per key id, how many running transactions sealed under it. */
    private final Object gate = new Object();
    private final Map<String, Integer> sealing = new HashMap<>();
    /** Serialises this node's writes of its keyring file. */
    private final Object fileLock = new Object();

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
        if (!Files.exists(file)) {
            // InstanceKeyCheck decides, once the schema is current: create it, or refuse (sealed rows exist)
            unavailableReason = "the instance keyring file " + file + " does not exist";
            return;
        }
        try {
            readKeyringFile();
            CertgateLog.instanceKeyLoaded(file, String.join(", ", keyring.ids()));
            if (KeyringFile.isExposed(file)) {
                CertgateLog.instanceKeyExposed(file);
            }
        } catch (IOException | RuntimeException e) {
            unavailableReason = "the instance keyring file " + file + " cannot be used: " + e.getMessage();
            CertgateLog.instanceKeyUnavailable(file, e);
        }
    }

    private void readKeyringFile() throws IOException {
        synchronized (fileLock) {
            FileTime stamp = Files.getLastModifiedTime(keyFile);
            keyring = KeyringFile.read(keyFile);
            fileStamp = stamp;
        }
    }

    private void loadSupplied(String base64) {
        byte[] material = null;
        try {
            material = Base64.getDecoder().decode(base64.strip());
            InstanceKey kek = InstanceKey.of(material);
            keyring = Keyring.of(List.of(kek));
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
     * Seals a private key for the row {@code id} of {@code owner} under the active KEK. Until the caller's
     * transaction ends this node reports that key as one it seals under (in its heartbeat), so the key is not
     * retired under a transaction that is still running.
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
        String kekId = current.id();
        synchronized (gate) {
            sealing.merge(kekId, 1, Integer::sum);
        }
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                synchronized (gate) {
                    sealing.computeIfPresent(kekId, (k, n) -> n > 1 ? n - 1 : null);
                }
            }
        });
        return sealBytes(owner, id, secret, current);
    }

    /** Opens secret bytes sealed by {@link #sealSecret}; the caller clears them after use. */
    public byte[] openSecret(Owner owner, String id, SealedKey sealed) throws CertgateException {
        return openBytes(owner, id, sealed, keyFor(sealed));
    }

    /**
     * Opens the sealed private key of the row {@code id} of {@code owner}.
     *
     * @throws CertgateException when this installation's KEK did not seal it, or it was altered or moved
     */
    public PrivateKey open(Owner owner, String id, SealedKey sealedKey) throws CertgateException {
        return open(owner, id, sealedKey, keyFor(sealedKey));
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
        return new KeyOpener(keyring);
    }

    /** See {@link Vault#keyOpener()}. Holds the KEK privately; thread-safe. */
    public static final class KeyOpener {

        private final Keyring keyring;

        private KeyOpener(Keyring keyring) {
            this.keyring = keyring;
        }

        /** The certificate's private key, or empty when no key of this node's keyring opens it. */
        public Optional<PrivateKey> tryOpen(String certificateId, SealedKey sealedKey) {
            Optional<InstanceKey> kek = keyring.get(sealedKey.kekId());
            if (kek.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(open(Owner.CERTIFICATE, certificateId, sealedKey, kek.get()));
            } catch (CertgateException | RuntimeException e) {
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return "KeyOpener"; // never the key
        }
    }

    /** The id of the active KEK (not the key): names this installation in the local CA's subject. */
    public String instanceKeyId() throws CertgateException {
        return requireKey().id();
    }

    /** The active key's id as recorded in the database, whether or not this node holds it. */
    public Optional<String> activeKeyId() {
        return Optional.ofNullable(activeId);
    }

    /** Whether the KEK was supplied by the operator (then certgate cannot rotate it itself). */
    public boolean isSupplied() {
        return supplied;
    }

    /** The keyring file (when not supplied). */
    public Path instanceKeyFile() {
        return keyFile;
    }

    /** The ids of the keys this node holds (never a key), for its heartbeat and the status. */
    public List<String> heldKeyIds() {
        return keyring.ids();
    }

    /** Whether this node holds the key {@code keyId}. */
    public boolean holds(String keyId) {
        return keyring.holds(keyId);
    }

    /** The ids this node seals under now: the active key's, and those of running transactions that sealed. */
    public List<String> sealingKeyIds() {
        Set<String> ids = new TreeSet<>();
        String active = activeId;
        if (active != null && keyring.holds(active)) {
            ids.add(active);
        }
        synchronized (gate) {
            ids.addAll(sealing.keySet());
        }
        return List.copyOf(ids);
    }

    /** For {@link InstanceKeyCheck} only (public: called through the container): the database's active key, read at start and after each change. */
    public void useActive(String keyId) {
        activeId = Objects.requireNonNull(keyId, "keyId");
    }

    /** For {@link InstanceKeyCheck} only (public: called through the container): no usable keyring; sealing and opening say why. */
    public void unavailable(String reason) {
        unavailableReason = reason;
        keyring = Keyring.empty();
    }

    /**
     * For {@link InstanceKeyCheck}: a new installation's keyring file, with its first key, written durably.
     *
     * @return the key created; empty when another node created the file first (on a shared mount): it was read
     */
    public Optional<InstanceKey> createKeyringFile() throws IOException {
        synchronized (fileLock) {
            try {
                InstanceKey created = KeyringFile.create(keyFile);
                keyring = Keyring.of(List.of(created));
                fileStamp = Files.getLastModifiedTime(keyFile);
                return Optional.of(created);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                readKeyringFile();
                return Optional.empty();
            }
        }
    }

    /**
     * For {@link InstanceKeyCheck}: adds keys to this node's keyring file (durably, before any database commit names
     * them), keeping what the file holds now.
     */
    public void addToKeyringFile(Keyring added) throws IOException {
        synchronized (fileLock) {
            Keyring onDisk = Files.exists(keyFile) ? KeyringFile.read(keyFile) : Keyring.empty();
            Keyring merged = onDisk.with(keyring).with(added);
            KeyringFile.write(keyFile, merged);
            keyring = merged;
            fileStamp = Files.getLastModifiedTime(keyFile);
        }
    }

    /** Makes a new key and adds it to this node's keyring file, durably; nothing seals under it yet. */
    public String stageNewKey() throws CertgateException {
        if (supplied) {
            throw new CertgateException("The instance key is supplied by the operator (" + KEK_NAMES + "), so "
                    + "certgate cannot add a key. Rotation works with the instance keyring file only.");
        }
        InstanceKey fresh = KeyringFile.newKey();
        try {
            addToKeyringFile(Keyring.of(List.of(fresh)));
        } catch (IOException e) {
            throw new CertgateException("The new instance key could not be written to " + keyFile + " ("
                    + e.getMessage() + "). Nothing was changed.", e);
        }
        return fresh.id();
    }

    /** Removes a retired key from this node's keyring file (durably) and from memory: it opens nothing here. */
    public void dropFromKeyring(String keyId) throws CertgateException {
        synchronized (fileLock) {
            keyring = keyring.without(keyId);
            if (supplied || !Files.exists(keyFile)) {
                return;
            }
            try {
                Keyring onDisk = KeyringFile.read(keyFile);
                if (onDisk.holds(keyId)) {
                    KeyringFile.write(keyFile, onDisk.without(keyId));
                    fileStamp = Files.getLastModifiedTime(keyFile);
                }
            } catch (IOException e) {
                throw new CertgateException("Instance key " + keyId + " is retired, but it could not be removed "
                        + "from " + keyFile + " (" + e.getMessage() + "); it opens nothing stored. Remove its line "
                        + "by hand.", e);
            }
        }
    }

    /**
     * Every second (the cluster poll): the database's active key, the keys it retired (they open nothing here any
     * more), and the keyring file again when it changed (a staged key copied in by the operator).
     */
    public void refresh(Optional<String> active, Set<String> retired) {
        active.ifPresent(id -> activeId = id);
        Keyring now = keyring;
        if (!supplied && keyFile != null) {
            synchronized (fileLock) {
                try {
                    FileTime stamp = Files.exists(keyFile) ? Files.getLastModifiedTime(keyFile) : null;
                    if (stamp != null && !stamp.equals(fileStamp)) {
                        now = KeyringFile.read(keyFile);
                        fileStamp = stamp;
                        CertgateLog.instanceKeyLoaded(keyFile, String.join(", ", now.ids()));
                    }
                } catch (IOException e) {
                    // keep what is held; the file may be in the middle of a copy: the next second reads it again
                    fileStamp = null;
                }
            }
        }
        for (String id : retired) {
            now = now.without(id);
        }
        keyring = now;
    }

    /** The held key that sealed {@code sealed}. */
    private InstanceKey keyFor(SealedKey sealed) throws CertgateException {
        Keyring ring = keyring;
        if (ring.isEmpty()) {
            throw unavailableNow();
        }
        return ring.get(sealed.kekId()).orElseThrow(() -> new CertgateException(ErrorCategory.UNAVAILABLE,
                "This key is sealed under "
                + "instance key " + sealed.kekId() + ", which this node does not hold (it holds "
                + String.join(", ", ring.ids()) + "). Restore that key to the keyring file " + keyFile + "."));
    }

    /** Opens what a held key sealed and seals it again under {@code to} (the re-wrap of a rotation). */
    public SealedKey reseal(Owner owner, String id, SealedKey sealedKey, InstanceKey to) throws CertgateException {
        if (sealedKey.kekId().equals(to.id())) {
            return sealedKey;
        }
        byte[] secret = openBytes(owner, id, sealedKey, keyFor(sealedKey));
        try {
            return sealBytes(owner, id, secret, to);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
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

    static PrivateKey open(Owner owner, String id, SealedKey sealedKey, InstanceKey with) throws CertgateException {
        byte[] pkcs8 = openBytes(owner, id, sealedKey, with);
        try {
            return Pem.privateKeyFromPkcs8(pkcs8);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** The active KEK, for the rotation; never leaves the vault package's classes (its key bytes are not public). */
    public InstanceKey requireKey() throws CertgateException {
        Keyring ring = keyring;
        if (ring.isEmpty()) {
            throw unavailableNow();
        }
        String active = activeId;
        if (active == null) {
            throw new CertgateException(ErrorCategory.UNAVAILABLE,
                    "Private keys cannot be stored yet: the active instance key is not known "
                    + "(the start-up check has not run or failed; see the server log).");
        }
        return ring.get(active).orElseThrow(() -> new CertgateException(ErrorCategory.UNAVAILABLE,
                "Private keys cannot be stored on this "
                + "node: it does not hold the active instance key " + active + " (its keyring file " + keyFile
                + " holds " + String.join(", ", ring.ids()) + "). Copy the keyring file from a node that holds it; "
                + "nothing was stored. See the server log (CERTGATE-1111)."));
    }

    private CertgateException unavailableNow() {
        return new CertgateException(ErrorCategory.UNAVAILABLE, "Private keys cannot be stored or opened: "
                + unavailableReason
                + ". See the server log (CERTGATE-1104, CERTGATE-1110).");
    }

    /** Binds a sealed key to its row and its KEK. */
    private static byte[] aad(Owner owner, String id, String kekId) {
        return ("certgate/" + owner.label + "/" + id + "/kek/" + kekId).getBytes(StandardCharsets.UTF_8);
    }
}
