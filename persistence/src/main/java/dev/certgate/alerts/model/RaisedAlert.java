package dev.certgate.alerts.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An alert raised, once: its key (the primary key) is the dedupe. Immutable but for the end of its episode, which the
 * alerts service writes with an UPDATE of the key (see V15).
 */
@Entity
@Table(name = "alert_raised")
public class RaisedAlert {

    @Id
    @Column(name = "alert_key", length = 400)
    private String key;

    @Column(name = "kind", nullable = false, length = 32)
    private String kind;

    @Column(name = "severity", nullable = false, length = 16)
    private String severity;

    @Column(name = "target", nullable = false)
    private String target;

    @Column(name = "subject", nullable = false, length = 500)
    private String subject;

    @Column(name = "raised_at", nullable = false)
    private Instant raisedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    protected RaisedAlert() {
    }

    public RaisedAlert(String key, String kind, String severity, String target, String subject, Instant raisedAt) {
        this.key = requireLength(key, 400, "key");
        this.kind = requireLength(kind, 32, "kind");
        this.severity = requireLength(severity, 16, "severity");
        this.target = cut(Objects.requireNonNull(target, "target"), 255);
        this.subject = cut(Objects.requireNonNull(subject, "subject"), 500);
        this.raisedAt = Objects.requireNonNull(raisedAt, "raisedAt");
    }

    public String key() {
        return key;
    }

    public String kind() {
        return kind;
    }

    public String severity() {
        return severity;
    }

    public String target() {
        return target;
    }

    public String subject() {
        return subject;
    }

    public Instant raisedAt() {
        return raisedAt;
    }

    public Optional<Instant> closedAt() {
        return Optional.ofNullable(closedAt);
    }

    private static String requireLength(String value, int max, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(name + " is 1 to " + max + " characters");
        }
        return value;
    }

    static String cut(String value, int max) {
        return value.length() > max ? value.substring(0, max - 1) + "…" : value;
    }
}
