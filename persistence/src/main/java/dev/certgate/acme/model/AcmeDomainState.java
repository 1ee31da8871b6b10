package dev.certgate.acme.model;

import jakarta.persistence.Column;
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
 * Where the ACME certificate of one domain stands: the certificate it is served with (if any yet), the last attempt
 * and why it failed, when the next one is due. The lease columns are written only with conditional updates (see the
 * ACME service), so at most one worker on one node orders for a domain at a time.
 */
@Entity
@Table(name = "acme_domain")
@NamedQuery(name = AcmeDomainState.ALL, query = "select s from AcmeDomainState s order by s.domain")
@NamedQuery(name = AcmeDomainState.DUE, query = "select s.domain from AcmeDomainState s where (s.nextAttempt <= :now"
        + " or s.ariCheckAt <= :now) and (s.leaseOwner is null or s.leaseExpires < :now) order by s.nextAttempt")
public class AcmeDomainState {

    public static final String ALL = "AcmeDomainState.all";
    public static final String DUE = "AcmeDomainState.due";

    /** The states of the REST contract. */
    public enum State {
        /** no certificate yet: the first order is due or running */
        PENDING,
        /** a certificate is served and not yet due for renewal */
        VALID,
        /** a certificate is served and a new one is being ordered */
        RENEWING,
        /** the last attempt failed; the current certificate (if any) is still served, the next attempt is scheduled */
        FAILING
    }

    @Id
    @Column(name = "domain")
    private String domain;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private State state;

    @Column(name = "certificate_id", length = 36)
    private String certificateId;

    @Column(name = "not_before")
    private Instant notBefore;

    @Column(name = "not_after")
    private Instant notAfter;

    @Column(name = "last_attempt")
    private Instant lastAttempt;

    @Column(name = "last_error", length = 2000)
    private String lastError;

    @Column(name = "error_cause", length = 32)
    private String errorCause;

    @Column(name = "next_attempt", nullable = false)
    private Instant nextAttempt;

    @Column(name = "failure_count", nullable = false)
    private int failureCount;

    @Column(name = "ari_window_start")
    private Instant ariWindowStart;

    @Column(name = "ari_window_end")
    private Instant ariWindowEnd;

    @Column(name = "ari_explanation", length = 1024)
    private String ariExplanation;

    /** When to ask the CA for the renewal window again; null when the CA has no ARI or no certificate is served. */
    @Column(name = "ari_check_at")
    private Instant ariCheckAt;

    @Column(name = "issued_profile", length = 64)
    private String issuedProfile;

    @Column(name = "lease_owner", length = 128)
    private String leaseOwner;

    @Column(name = "lease_expires")
    private Instant leaseExpires;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected AcmeDomainState() {
        // for JPA
    }

    /** A domain that has just started to use ACME: its first order is due now. */
    public AcmeDomainState(String domain, Instant now) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.state = State.PENDING;
        this.nextAttempt = Objects.requireNonNull(now, "now");
    }

    /** A new certificate is served from now on; the next order is due at {@code renewAt}. */
    public void issued(String certificateId, Instant notBefore, Instant notAfter, Instant at, Instant renewAt) {
        this.certificateId = Objects.requireNonNull(certificateId, "certificateId");
        this.notBefore = Objects.requireNonNull(notBefore, "notBefore");
        this.notAfter = Objects.requireNonNull(notAfter, "notAfter");
        this.lastAttempt = Objects.requireNonNull(at, "at");
        this.nextAttempt = Objects.requireNonNull(renewAt, "renewAt");
        this.state = State.VALID;
        this.ariWindowStart = null; // the window was the certificate before's; the caller sets this one's
        this.ariWindowEnd = null;
        this.ariExplanation = null;
        this.ariCheckAt = null;
        this.issuedProfile = null;
        this.lastError = null;
        this.errorCause = null;
        this.failureCount = 0;
    }

    /**
     * The CA's renewal information (RFC 9773) for the certificate served: its suggested window, the page that
     * explains it (null when none), when to ask again, and when to renew (a moment inside the window).
     */
    public void renewalWindow(Instant start, Instant end, String explanation, Instant checkAgainAt, Instant renewAt) {
        this.ariWindowStart = Objects.requireNonNull(start, "start");
        this.ariWindowEnd = Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("a renewal window ends after it starts");
        }
        this.ariExplanation = explanation == null || explanation.length() > 1024 ? null : explanation;
        this.ariCheckAt = Objects.requireNonNull(checkAgainAt, "checkAgainAt");
        if (state != State.FAILING) {
            this.nextAttempt = Objects.requireNonNull(renewAt, "renewAt");
        }
    }

    /** The CA offers no renewal information (any more): the lifetime rule decides, nothing is asked again. */
    public void noRenewalWindow(Instant renewAt) {
        this.ariWindowStart = null;
        this.ariWindowEnd = null;
        this.ariExplanation = null;
        this.ariCheckAt = null;
        if (state != State.FAILING) {
            this.nextAttempt = Objects.requireNonNull(renewAt, "renewAt");
        }
    }

    /** The renewal window could not be read now: asked again at {@code at}, the schedule stays. */
    public void checkRenewalWindowAt(Instant at) {
        this.ariCheckAt = at;
    }

    /** Every renewal window is asked for again now (the renewal timer's tick). */
    public void checkRenewalWindowNow(Instant now) {
        if (certificateId != null) {
            this.ariCheckAt = Objects.requireNonNull(now, "now");
        }
    }

    /** The profile the CA issued the current certificate under (null when it named none). */
    public void issuedUnder(String profile) {
        this.issuedProfile = profile;
    }

    /** An attempt failed; the certificate served (if any) stays. */
    public void failed(String cause, String error, Instant at, Instant retryAt) {
        this.state = State.FAILING;
        this.errorCause = Objects.requireNonNull(cause, "cause");
        this.lastError = error == null ? null : error.length() > 2000 ? error.substring(0, 1997) + "..." : error;
        this.lastAttempt = Objects.requireNonNull(at, "at");
        this.nextAttempt = Objects.requireNonNull(retryAt, "retryAt");
        this.failureCount++;
    }

    /** A new certificate is wanted now (renew now, revoked, due). */
    public void renewNow(Instant now) {
        this.nextAttempt = Objects.requireNonNull(now, "now");
        if (state != State.FAILING) {
            this.state = certificateId == null ? State.PENDING : State.RENEWING;
        }
    }

    /** An order starts: shown as renewing when a certificate is served meanwhile. */
    public void ordering() {
        if (state == State.VALID) {
            state = State.RENEWING;
        }
    }

    /** The served certificate is no longer this domain's (deleted or rebound): order a new one. */
    public void lostCertificate(Instant now) {
        this.certificateId = null;
        this.notBefore = null;
        this.notAfter = null;
        this.ariWindowStart = null;
        this.ariWindowEnd = null;
        this.ariExplanation = null;
        this.ariCheckAt = null;
        this.state = State.PENDING;
        this.nextAttempt = Objects.requireNonNull(now, "now");
    }

    public String domain() {
        return domain;
    }

    public State state() {
        return state;
    }

    public Optional<String> certificateId() {
        return Optional.ofNullable(certificateId);
    }

    public Optional<Instant> notBefore() {
        return Optional.ofNullable(notBefore);
    }

    public Optional<Instant> notAfter() {
        return Optional.ofNullable(notAfter);
    }

    public Optional<Instant> lastAttempt() {
        return Optional.ofNullable(lastAttempt);
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public Optional<String> errorCause() {
        return Optional.ofNullable(errorCause);
    }

    public Instant nextAttempt() {
        return nextAttempt;
    }

    public int failureCount() {
        return failureCount;
    }

    public Optional<Instant> ariWindowStart() {
        return Optional.ofNullable(ariWindowStart);
    }

    public Optional<Instant> ariWindowEnd() {
        return Optional.ofNullable(ariWindowEnd);
    }

    public Optional<String> ariExplanation() {
        return Optional.ofNullable(ariExplanation);
    }

    public Optional<Instant> ariCheckAt() {
        return Optional.ofNullable(ariCheckAt);
    }

    public Optional<String> issuedProfile() {
        return Optional.ofNullable(issuedProfile);
    }

    /** Whether an order is due at {@code now} (not just a look at the renewal window). */
    public boolean orderDue(Instant now) {
        return !nextAttempt.isAfter(now);
    }

    public Optional<String> leaseOwner() {
        return Optional.ofNullable(leaseOwner);
    }

    public long version() {
        return version;
    }
}
