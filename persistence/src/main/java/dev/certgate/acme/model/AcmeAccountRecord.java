package dev.certgate.acme.model;

import dev.certgate.vault.model.SealedKey;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The installation's account at its ACME CA (one row): where the CA is, who the contact is, that its terms were
 * agreed, the account's URL at the CA, and the account key, sealed. An External Account Binding's HMAC key, when the
 * CA wanted one, is sealed too.
 */
@Entity
@Table(name = "acme_account")
public class AcmeAccountRecord {

    /** The id of the one row. */
    public static final String ID = "acme-account";

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "directory_url", nullable = false, length = 1024)
    private String directoryUrl;

    @Column(name = "email")
    private String email;

    @Column(name = "terms_of_service", length = 1024)
    private String termsOfService;

    @Column(name = "terms_agreed", nullable = false)
    private boolean termsAgreed;

    @Column(name = "account_url", nullable = false, length = 1024)
    private String accountUrl;

    @Column(name = "status", nullable = false, length = 16)
    private String status;

    @Column(name = "key_type", nullable = false, length = 16)
    private String keyType;

    /** X.509 SubjectPublicKeyInfo, base64: public, so not sealed. */
    @Column(name = "public_key", nullable = false, length = 1024)
    private String publicKey;

    @Embedded
    private SealedKey accountKey;

    @Column(name = "eab_key_id")
    private String eabKeyId;

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "kekId", column = @Column(name = "eab_kek_id", length = 64)),
            @AttributeOverride(name = "wrappedDataKey", column = @Column(name = "eab_wrapped_data_key")),
            @AttributeOverride(name = "ciphertext", column = @Column(name = "eab_ciphertext"))})
    private SealedKey eabHmacKey;

    /**
     * The new account key while a rollover is under way (issue 14 point 5): stored, sealed, before the CA sees it,
     * promoted once the CA took it, dropped when it refused it; null when none is pending.
     */
    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "kekId", column = @Column(name = "pending_kek_id", length = 64)),
            @AttributeOverride(name = "wrappedDataKey", column = @Column(name = "pending_wrapped_data_key")),
            @AttributeOverride(name = "ciphertext", column = @Column(name = "pending_ciphertext"))})
    private SealedKey pendingKey;

    @Column(name = "pending_public_key", length = 1024)
    private String pendingPublicKey;

    @Column(name = "pending_key_type", length = 16)
    private String pendingKeyType;

    @Column(name = "pending_since")
    private Instant pendingSince;

    /** The CA's certificate profile for domains that name none; null for the CA's default. */
    @Column(name = "default_profile", length = 64)
    private String defaultProfile;

    /** When certgate last registered the account again by itself (the CA had forgotten it); null if never. */
    @Column(name = "reregistered_at")
    private Instant reregisteredAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected AcmeAccountRecord() {
        // for JPA
    }

    /** What the CA said about a registered account, and how certgate reached it. */
    public record Registration(String directoryUrl, String email, String termsOfService, boolean termsAgreed,
                               String accountUrl, String status, String keyType, String publicKey) {
        public Registration {
            Objects.requireNonNull(publicKey, "publicKey");
            Objects.requireNonNull(directoryUrl, "directoryUrl");
            Objects.requireNonNull(accountUrl, "accountUrl");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(keyType, "keyType");
        }
    }

    public AcmeAccountRecord(Registration registration, SealedKey accountKey, String eabKeyId, SealedKey eabHmacKey,
                             String by, Instant at) {
        this.id = ID;
        register(registration, accountKey, eabKeyId, eabHmacKey, by, at);
    }

    /** Replaces the account by another registration (a new CA, contact or key). */
    public void register(Registration registration, SealedKey accountKey, String eabKeyId, SealedKey eabHmacKey,
                         String by, Instant at) {
        this.directoryUrl = registration.directoryUrl();
        this.email = registration.email();
        this.termsOfService = registration.termsOfService();
        this.termsAgreed = registration.termsAgreed();
        this.accountUrl = registration.accountUrl();
        this.status = registration.status();
        this.keyType = registration.keyType();
        this.publicKey = registration.publicKey();
        this.accountKey = Objects.requireNonNull(accountKey, "accountKey");
        dropPendingKey();
        this.eabKeyId = eabKeyId;
        this.eabHmacKey = eabHmacKey;
        this.updatedBy = Objects.requireNonNull(by, "by");
        this.updatedAt = Objects.requireNonNull(at, "at");
    }

    /**
     * A new key is about to be sent to the CA in a rollover (RFC 8555 §7.3.5): kept first, so that the account is
     * not lost if the server stops after the CA took it. Replaces a pending key left before.
     */
    public void stagePendingKey(SealedKey newKey, String newPublicKey, String newKeyType, Instant at) {
        this.pendingKey = Objects.requireNonNull(newKey, "newKey");
        this.pendingPublicKey = Objects.requireNonNull(newPublicKey, "newPublicKey");
        this.pendingKeyType = Objects.requireNonNull(newKeyType, "newKeyType");
        this.pendingSince = Objects.requireNonNull(at, "at");
    }

    /** The pending key, sealed as the account key is (same owner and row); empty when no rollover is under way. */
    public Optional<SealedKey> pendingKey() {
        return Optional.ofNullable(pendingKey);
    }

    /** The pending key's public key (base64 SubjectPublicKeyInfo); empty when none is pending. */
    public Optional<String> pendingPublicKey() {
        return Optional.ofNullable(pendingPublicKey);
    }

    public Optional<String> pendingKeyType() {
        return Optional.ofNullable(pendingKeyType);
    }

    public Optional<Instant> pendingSince() {
        return Optional.ofNullable(pendingSince);
    }

    /**
     * The CA knows the account by the pending key now: it becomes the account key.
     *
     * @throws IllegalStateException when no key is pending
     */
    public void promotePendingKey(String by, Instant at) {
        if (pendingKey == null) {
            throw new IllegalStateException("no account key is pending");
        }
        rolledOver(pendingKey, pendingPublicKey, pendingKeyType, by, at);
    }

    /** The CA did not take the pending key (or a new registration replaced the account): forgotten. */
    public void dropPendingKey() {
        this.pendingKey = null;
        this.pendingPublicKey = null;
        this.pendingKeyType = null;
        this.pendingSince = null;
    }

    /** Re-seals the pending key (instance key rotation). @throws IllegalStateException when none is pending */
    public void resealPendingKey(SealedKey resealed) {
        if (pendingKey == null) {
            throw new IllegalStateException("no account key is pending");
        }
        this.pendingKey = Objects.requireNonNull(resealed, "resealed");
    }

    /** The CA now knows the account by a new key (RFC 8555 §7.3.5 key rollover). */
    public void rolledOver(SealedKey newKey, String newPublicKey, String newKeyType, String by, Instant at) {
        this.accountKey = Objects.requireNonNull(newKey, "newKey");
        dropPendingKey();
        this.publicKey = Objects.requireNonNull(newPublicKey, "newPublicKey");
        this.keyType = Objects.requireNonNull(newKeyType, "newKeyType");
        this.updatedBy = Objects.requireNonNull(by, "by");
        this.updatedAt = Objects.requireNonNull(at, "at");
    }

    /**
     * The CA had forgotten the account (a restart, a reset, a deletion on its side) and certgate registered it again
     * by itself, with the same contact, a new key of the same type and the terms agreed before.
     */
    public void reregistered(String newAccountUrl, String newStatus, SealedKey newKey, String newPublicKey,
                             String by, Instant at) {
        this.accountUrl = Objects.requireNonNull(newAccountUrl, "newAccountUrl");
        this.status = Objects.requireNonNull(newStatus, "newStatus");
        this.accountKey = Objects.requireNonNull(newKey, "newKey");
        this.publicKey = Objects.requireNonNull(newPublicKey, "newPublicKey");
        dropPendingKey();
        this.reregisteredAt = Objects.requireNonNull(at, "at");
        this.updatedBy = Objects.requireNonNull(by, "by");
        this.updatedAt = at;
    }

    /** The profile for domains that name none; null for the CA's default. */
    public void useDefaultProfile(String profile, String by, Instant at) {
        this.defaultProfile = profile;
        this.updatedBy = Objects.requireNonNull(by, "by");
        this.updatedAt = Objects.requireNonNull(at, "at");
    }

    public Optional<String> defaultProfile() {
        return Optional.ofNullable(defaultProfile);
    }

    public Optional<Instant> reregisteredAt() {
        return Optional.ofNullable(reregisteredAt);
    }

    /** The account was deactivated at the CA (RFC 8555 §7.3.6): it orders nothing more. */
    public void deactivated(String by, Instant at) {
        this.status = "DEACTIVATED";
        this.updatedBy = Objects.requireNonNull(by, "by");
        this.updatedAt = Objects.requireNonNull(at, "at");
    }

    /** Re-seals the account key (instance key rotation); the key itself does not change. */
    public void resealAccountKey(SealedKey resealed) {
        this.accountKey = Objects.requireNonNull(resealed, "resealed");
    }

    /** Re-seals the EAB HMAC key (instance key rotation). */
    public void resealEabHmacKey(SealedKey resealed) {
        this.eabHmacKey = Objects.requireNonNull(resealed, "resealed");
    }

    public String id() {
        return id;
    }

    public String directoryUrl() {
        return directoryUrl;
    }

    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    public Optional<String> termsOfService() {
        return Optional.ofNullable(termsOfService);
    }

    public boolean termsAgreed() {
        return termsAgreed;
    }

    public String accountUrl() {
        return accountUrl;
    }

    public String status() {
        return status;
    }

    public String keyType() {
        return keyType;
    }

    /** The account's public key, X.509 SubjectPublicKeyInfo in base64. */
    public String publicKey() {
        return publicKey;
    }

    public SealedKey accountKey() {
        return accountKey;
    }

    public Optional<String> eabKeyId() {
        return Optional.ofNullable(eabKeyId);
    }

    /** The sealed EAB HMAC key; empty when the account was registered without External Account Binding. */
    public Optional<SealedKey> eabHmacKey() {
        return Optional.ofNullable(eabHmacKey);
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
