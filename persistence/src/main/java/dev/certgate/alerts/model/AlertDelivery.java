package dev.certgate.alerts.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One line of the delivery log: a message to a channel, the attempts it took and how it ended. Immutable. */
@Entity
@Table(name = "alert_delivery")
public class AlertDelivery {

    /** How a delivery ended. */
    public enum Outcome {
        SENT, FAILED
    }

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "channel_id", nullable = false, length = 36)
    private String channelId;

    @Column(name = "subject", nullable = false, length = 500)
    private String subject;

    @Column(name = "alert_count", nullable = false)
    private int alertCount;

    @Column(name = "attempted_at", nullable = false)
    private Instant attemptedAt;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", nullable = false, length = 16)
    private Outcome outcome;

    @Column(name = "detail", length = 2000)
    private String detail;

    protected AlertDelivery() {
    }

    public AlertDelivery(String id, String channelId, String subject, int alertCount, Instant attemptedAt,
                         int attempts, Outcome outcome, String detail) {
        this.id = Objects.requireNonNull(id, "id");
        this.channelId = Objects.requireNonNull(channelId, "channelId");
        this.subject = RaisedAlert.cut(Objects.requireNonNull(subject, "subject"), 500);
        if (alertCount < 1 || attempts < 1) {
            throw new IllegalArgumentException("a delivery carries at least one alert, in at least one attempt");
        }
        this.alertCount = alertCount;
        this.attemptedAt = Objects.requireNonNull(attemptedAt, "attemptedAt");
        this.attempts = attempts;
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.detail = detail == null ? null : RaisedAlert.cut(detail, 2000);
    }

    public String id() {
        return id;
    }

    public String channelId() {
        return channelId;
    }

    public String subject() {
        return subject;
    }

    public int alertCount() {
        return alertCount;
    }

    public Instant attemptedAt() {
        return attemptedAt;
    }

    public int attempts() {
        return attempts;
    }

    public Outcome outcome() {
        return outcome;
    }

    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }
}
