package dev.certgate.certificates;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
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

/**
 * A stored certificate: the public chain as PEM, the facts derived from the leaf (shown in lists and used for SNI),
 * and its private key, always sealed. The entity never holds a private key in clear.
 */
@Entity
@Table(name = "certificate")
@NamedQuery(name = Certificate.ALL_BY_NOT_AFTER, query = "select c from Certificate c order by c.notAfter, c.id")
@NamedQuery(name = Certificate.BY_FINGERPRINT,
        query = "select c from Certificate c where c.fingerprintSha256 = :fingerprint")
public class Certificate {

    public static final String ALL_BY_NOT_AFTER = "Certificate.allByNotAfter";
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

    @Column(name = "chain_pem", nullable = false)
    private String chainPem;

    @Embedded
    private SealedKey privateKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Certificate() {
        // for JPA
    }

    /**
     * @param id           the row's id; chosen by the caller because the sealed key is bound to it
     * @param facts        what was read from the leaf certificate
     * @param chainPem     the public chain, leaf first
     * @param privateKey   the key, already sealed by the vault for this id
     * @param createdAt    when it was stored
     */
    public Certificate(String id, CertificateFacts facts, String chainPem, SealedKey privateKey, Instant createdAt) {
        this.id = requireText(id, "id");
        Objects.requireNonNull(facts, "facts");
        this.commonName = facts.commonName();
        this.names = new ArrayList<>(facts.names());
        this.issuer = facts.issuer();
        this.serialNumber = facts.serialNumber();
        this.notBefore = facts.notBefore();
        this.notAfter = facts.notAfter();
        this.fingerprintSha256 = facts.fingerprintSha256();
        this.keyAlgorithm = facts.keyAlgorithm();
        this.chainPem = requireText(chainPem, "chainPem");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
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

    public long version() {
        return version;
    }

    static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return value;
    }
}
