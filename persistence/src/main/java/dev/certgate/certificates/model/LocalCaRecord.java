package dev.certgate.certificates.model;

import dev.certgate.vault.model.SealedKey;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;

/**
 * The instance's local root CA as stored: its certificate and its sealed key. At most one exists; it is created on
 * first use and never replaced by certgate (replacing it would untrust every certificate it issued).
 */
@Entity
@Table(name = "local_ca")
public class LocalCaRecord {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "certificate_pem", nullable = false)
    private String certificatePem;

    @Embedded
    private SealedKey privateKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected LocalCaRecord() {
        // for JPA
    }

    public LocalCaRecord(String id, String certificatePem, SealedKey privateKey, String createdBy, Instant createdAt) {
        this.id = Certificate.requireText(id, "id");
        this.certificatePem = Certificate.requireText(certificatePem, "certificatePem");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.createdBy = Certificate.requireText(createdBy, "createdBy");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public String id() {
        return id;
    }

    public String certificatePem() {
        return certificatePem;
    }

    public SealedKey privateKey() {
        return privateKey;
    }

    /** Re-seals the CA key (KEK rotation). */
    public void resealKey(SealedKey resealed) {
        this.privateKey = Objects.requireNonNull(resealed, "resealed");
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }
}
