package dev.certgate.alerts.model;

import dev.certgate.vault.model.SealedKey;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where alerts go: an e-mail address or a webhook URL (with its signing secret, sealed by the vault). The caller has
 * checked the address or URL; the entity keeps the pairing of kind and secret right (a webhook has one, a mail
 * channel none) and records how the last delivery went.
 */
@Entity
@Table(name = "alert_channel")
@NamedQuery(name = AlertChannel.ALL, query = "select c from AlertChannel c order by c.kind, c.target")
public class AlertChannel {

    public static final String ALL = "AlertChannel.all";

    /** The kinds of channel; the names are those of the REST contract. */
    public enum Kind {
        EMAIL, WEBHOOK
    }

    /** How the last delivery went. */
    public enum Status {
        /** nothing delivered yet */
        UNTESTED,
        /** the last delivery got through */
        OK,
        /** the last delivery failed, every retry too */
        FAILING
    }

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 16)
    private Kind kind;

    @Column(name = "target", nullable = false, length = 512)
    private String target;

    @Column(name = "description")
    private String description;

    @Embedded
    private SealedKey secret;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private Status status;

    @Column(name = "last_delivery")
    private Instant lastDelivery;

    @Column(name = "last_error", length = 2000)
    private String lastError;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected AlertChannel() {
    }

    /** An e-mail channel. */
    public static AlertChannel email(String id, String address, String description, String by, Instant at) {
        return new AlertChannel(id, Kind.EMAIL, address, description, null, by, at);
    }

    /** A webhook channel; {@code secret} was sealed for this row's id. */
    public static AlertChannel webhook(String id, String url, String description, SealedKey secret, String by,
                                       Instant at) {
        return new AlertChannel(id, Kind.WEBHOOK, url, description, Objects.requireNonNull(secret, "secret"), by, at);
    }

    private AlertChannel(String id, Kind kind, String target, String description, SealedKey secret, String by,
                         Instant at) {
        this.id = Objects.requireNonNull(id, "id");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.target = Objects.requireNonNull(target, "target");
        if (target.isBlank() || target.length() > 512) {
            throw new IllegalArgumentException("a channel's target is 1 to 512 characters");
        }
        this.description = description == null || description.isBlank() ? null : description.strip();
        this.secret = secret;
        this.status = Status.UNTESTED;
        this.createdBy = Objects.requireNonNull(by, "by");
        this.createdAt = Objects.requireNonNull(at, "at");
    }

    /** Records a delivery that got through. */
    public void delivered(Instant at) {
        this.status = Status.OK;
        this.lastDelivery = Objects.requireNonNull(at, "at");
        this.lastError = null;
    }

    /** Records a delivery that failed after every retry, with why (never a secret). */
    public void failed(Instant at, String error) {
        this.status = Status.FAILING;
        this.lastDelivery = Objects.requireNonNull(at, "at");
        String e = Objects.requireNonNull(error, "error");
        this.lastError = e.length() > 2000 ? e.substring(0, 2000) : e;
    }

    /** Replaces the sealed secret (an instance key rotation). */
    public void reseal(SealedKey resealed) {
        if (kind != Kind.WEBHOOK) {
            throw new IllegalStateException("only a webhook has a secret");
        }
        this.secret = Objects.requireNonNull(resealed, "resealed");
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** The e-mail address or the webhook URL. */
    public String target() {
        return target;
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** The webhook's sealed signing secret; empty for an e-mail channel. */
    public Optional<SealedKey> secret() {
        return Optional.ofNullable(secret);
    }

    public Status status() {
        return status;
    }

    public Optional<Instant> lastDelivery() {
        return Optional.ofNullable(lastDelivery);
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public long version() {
        return version;
    }
}
