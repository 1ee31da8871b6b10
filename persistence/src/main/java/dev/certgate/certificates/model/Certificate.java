package dev.certgate.certificates.model;

import dev.certgate.api.CertificateSource;
import dev.certgate.vault.model.SealedKey;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored certificate: the public chain as PEM, the facts derived from the leaf (shown in lists and used for SNI),
 * and its private key, always sealed. The entity never holds a private key in clear.
 */
@Entity
@Table(name = "certificate")
@NamedQuery(name = Certificate.BY_FINGERPRINT,
        query = "select c from Certificate c where c.fingerprintSha256 = :fingerprint")
public class Certificate {

    public static final String BY_FINGERPRINT = "Certificate.byFingerprint";

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "common_name", nullable = false)
    private String commonName;

    /** DNS names the certificate is valid for (lower case), in the certificate's order. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "certificate_name", joinColumns = @JoinColumn(name = "certificate_id"))
    @OrderColumn(name = "position")
    @Column(name = "name", nullable = false)
    private List<String> names = new ArrayList<>();

    @Column(name = "issuer", nullable = false, length = 1024)
    private String issuer;

    @Column(name = "serial_number", nullable = false, length = 128)
    private String serialNumber;

    @Column(name = "not_before", nullable = false)
    private Instant notBefore;

    @Column(name = "not_after", nullable = false)
    private Instant notAfter;

    @Column(name = "fingerprint_sha256", nullable = false, unique = true, length = 64)
    private String fingerprintSha256;

    @Column(name = "key_algorithm", nullable = false, length = 32)
    private String keyAlgorithm;

    @Column(name = "key_size", nullable = false)
    private int keySize;

    @Column(name = "self_signed", nullable = false)
    private boolean selfSigned;

    @Column(name = "chain_length", nullable = false)
    private int chainLength;

    /** IP address SANs, newline-separated; null when none. */
    @Column(name = "ip_addresses", length = 1024)
    private String ipAddresses;

    @Enumerated(EnumType.STRING)
    @Column(name = "source", nullable = false, length = 16)
    private CertificateSource source;

    @Column(name = "description", length = 1024)
    private String description;

    /** What the user was told at import, newline-separated; null when nothing. */
    @Column(name = "warnings", length = 4000)
    private String warnings;

    @Column(name = "chain_pem", nullable = false)
    private String chainPem;

    @Embedded
    private SealedKey privateKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "updated_by")
    private String updatedBy;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Certificate() {
        // for JPA
    }

    /**
     * A new stored certificate.
     *
     * @param id          the row's id; chosen by the caller because the sealed key is bound to it
     * @param source      where it came from
     * @param material    what was read from the chain, the chain itself and the sealed key
     * @param description the user's note; null or blank for none
     * @param by          who stores it
     * @param at          when
     */
    public Certificate(String id, CertificateSource source, Material material, String description, String by,
                       Instant at) {
        this.id = requireText(id, "id");
        this.source = Objects.requireNonNull(source, "source");
        this.createdBy = requireText(by, "by");
        this.createdAt = Objects.requireNonNull(at, "at");
        apply(material);
        this.description = blankToNull(description);
    }

    /**
     * What a certificate row holds of its certificate: facts, public chain, sealed key and the import's warnings.
     *
     * @param facts      read from the leaf and chain
     * @param chainPem   the public chain, leaf first
     * @param privateKey the key, sealed by the vault for this row's id
     * @param warnings   what the user was told at import; may be empty
     */
    public record Material(CertificateFacts facts, String chainPem, SealedKey privateKey, List<String> warnings) {
        public Material {
            Objects.requireNonNull(facts, "facts");
            requireText(chainPem, "chainPem");
            Objects.requireNonNull(privateKey, "privateKey");
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Replaces the certificate and key, keeping the id, so everything bound to this certificate serves the new one.
     */
    public void replaceMaterial(Material material, String description, String by, Instant at) {
        apply(material);
        this.description = blankToNull(description);
        touched(by, at);
    }

    private void apply(Material material) {
        CertificateFacts facts = material.facts();
        this.commonName = facts.commonName();
        this.names.clear();
        this.names.addAll(facts.names());
        this.ipAddresses = joinOrNull(facts.ipAddresses());
        this.issuer = facts.issuer();
        this.serialNumber = facts.serialNumber();
        this.notBefore = facts.notBefore();
        this.notAfter = facts.notAfter();
        this.fingerprintSha256 = facts.fingerprintSha256();
        this.keyAlgorithm = facts.keyAlgorithm();
        this.keySize = facts.keySize();
        this.selfSigned = facts.selfSigned();
        this.chainLength = facts.chainLength();
        this.chainPem = material.chainPem();
        this.privateKey = material.privateKey();
        this.warnings = joinOrNull(material.warnings());
    }

    /** Re-seals the private key (KEK rotation); the key itself does not change. */
    public void resealKey(SealedKey resealed) {
        this.privateKey = Objects.requireNonNull(resealed, "resealed");
    }

    private void touched(String by, Instant at) {
        this.updatedBy = requireText(by, "by");
        this.updatedAt = Objects.requireNonNull(at, "at");
    }

    public String id() {
        return id;
    }

    public String commonName() {
        return commonName;
    }

    public List<String> names() {
        return List.copyOf(names);
    }

    public String issuer() {
        return issuer;
    }

    public String serialNumber() {
        return serialNumber;
    }

    public Instant notBefore() {
        return notBefore;
    }

    public Instant notAfter() {
        return notAfter;
    }

    public String fingerprintSha256() {
        return fingerprintSha256;
    }

    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    public String chainPem() {
        return chainPem;
    }

    public SealedKey privateKey() {
        return privateKey;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    /** When it was last changed; empty if never. */
    public Optional<Instant> updatedAt() {
        return Optional.ofNullable(updatedAt);
    }

    /** Who changed it last; empty if never. */
    public Optional<String> updatedBy() {
        return Optional.ofNullable(updatedBy);
    }

    public CertificateSource source() {
        return source;
    }

    /** The user's note; empty when none. */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    public int keySize() {
        return keySize;
    }

    public boolean selfSigned() {
        return selfSigned;
    }

    public int chainLength() {
        return chainLength;
    }

    public List<String> ipAddresses() {
        return split(ipAddresses);
    }

    public List<String> warnings() {
        return split(warnings);
    }

    public long version() {
        return version;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String joinOrNull(List<String> values) {
        return values.isEmpty() ? null : String.join("\n", values);
    }

    private static List<String> split(String joined) {
        return joined == null ? List.of() : List.of(joined.split("\n"));
    }

    static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return value;
    }
}
