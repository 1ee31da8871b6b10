package dev.certgate.gateway.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;

/** The gateway's settings that operators change at run time (one row; the migration creates it). */
@Entity
@Table(name = "gateway_settings")
public class GatewaySettingsRecord {

    /** The id of the one row. */
    public static final int ID = 1;

    @Id
    @Column(name = "id")
    private int id;

    @Column(name = "default_certificate_id", length = 36)
    private String defaultCertificateId;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "updated_by")
    private String updatedBy;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected GatewaySettingsRecord() {
        // for JPA
    }

    /** The certificate for unknown names and handshakes without SNI; null when they are refused. */
    public String defaultCertificateId() {
        return defaultCertificateId;
    }

    /** Serve {@code certificateId} (null: refuse) to unknown names from now on. */
    public void useDefaultCertificate(String certificateId, String by, Instant at) {
        this.defaultCertificateId = certificateId;
        this.updatedBy = Objects.requireNonNull(by, "by");
        this.updatedAt = Objects.requireNonNull(at, "at");
    }

    public long version() {
        return version;
    }
}
