package dev.certgate.audit.model;

import dev.certgate.api.AuditAction;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/** One line of the audit log: who did what to which thing, from where, when. Never changed once written. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "actor", nullable = false)
    private String actor;

    @Column(name = "address", length = 64)
    private String address;

    @Enumerated(EnumType.STRING)
    @Column(name = "action", nullable = false, length = 32)
    private AuditAction action;

    @Column(name = "target")
    private String target;

    @Column(name = "summary", nullable = false, length = 1024)
    private String summary;

    protected AuditEvent() {
        // for JPA
    }

    /**
     * @param occurredAt when
     * @param actor      the authenticated user ("anonymous" when none)
     * @param address    the client's address; null when unknown
     * @param action     what was done
     * @param target     the id or name acted on; null when none
     * @param summary    one sentence for people; never key material or secrets
     */
    public AuditEvent(Instant occurredAt, String actor, String address, AuditAction action, String target,
                      String summary) {
        this.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.address = address;
        this.action = Objects.requireNonNull(action, "action");
        this.target = target;
        this.summary = summary.length() > 1024 ? summary.substring(0, 1021) + "..." : summary;
    }

    public Long id() {
        return id;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String actor() {
        return actor;
    }

    public String address() {
        return address;
    }

    public AuditAction action() {
        return action;
    }

    public String target() {
        return target;
    }

    public String summary() {
        return summary;
    }
}
