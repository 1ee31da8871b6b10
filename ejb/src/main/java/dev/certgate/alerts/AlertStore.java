package dev.certgate.alerts;

import dev.certgate.acme.AcmeDirectory;
import dev.certgate.alerts.model.AlertChannel;
import dev.certgate.alerts.model.AlertDelivery;
import dev.certgate.alerts.model.RaisedAlert;
import dev.certgate.api.AlertChannelNotFoundException;
import dev.certgate.api.AuditAction;
import dev.certgate.api.CertgateException;
import dev.certgate.audit.AuditLog;
import dev.certgate.certificates.CertificateDirectory;
import dev.certgate.core.alerts.Alert;
import dev.certgate.core.alerts.AlertMessage;
import dev.certgate.core.alerts.AlertPlanner;
import dev.certgate.vault.Vault;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The database side of alerts, one short transaction per call (REQUIRES_NEW): the deliveries (SMTP, HTTP) happen
 * between these calls, never inside a transaction. The check's lease is taken with a conditional UPDATE, as ACME
 * leases its domains, so one node checks at a time; the raised alerts' primary key is the dedupe.
 */
@Stateless
@PermitAll // internal: no remote view; the calling service checked the roles
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class AlertStore {

    /** Longer than a check takes (deliveries included: a few channels, a few retries each). */
    static final Duration LEASE = Duration.ofMinutes(5);
    /** How long the delivery log and the raised alerts are kept. */
    static final Duration KEEP = Duration.ofDays(400);

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @EJB
    private CertificateDirectory certificates;

    @EJB
    private AcmeDirectory acme;

    @EJB
    private Vault vault;

    @EJB
    private AuditLog audit;

    /** A channel to deliver to, with its opened webhook secret (cleared by the caller after use). */
    record Target(String id, AlertChannel.Kind kind, String target, byte[] secret) {
        @Override
        public String toString() {
            return "Target[" + id + ", " + kind + ", " + target + "]"; // never the secret
        }

        String label() {
            return kind == AlertChannel.Kind.EMAIL ? target + " (e-mail)" : target + " (webhook)";
        }
    }

    /** Takes the check's lease for {@code owner}; false when another node holds it. */
    public boolean takeLease(String owner) {
        Instant now = Instant.now();
        return em.createNativeQuery("UPDATE alert_lease SET owner = ?1, expires = ?2 WHERE id = 1"
                        + " AND (owner IS NULL OR expires < ?3 OR owner = ?1)")
                .setParameter(1, owner).setParameter(2, now.plus(LEASE)).setParameter(3, now)
                .executeUpdate() == 1;
    }

    public void releaseLease(String owner) {
        em.createNativeQuery("UPDATE alert_lease SET owner = NULL, expires = NULL WHERE id = 1 AND owner = ?1")
                .setParameter(1, owner).executeUpdate();
    }

    /**
     * Plans the check at {@code now} from the certificates ending within the largest threshold, the ACME domains and
     * the keys raised before, and raises what is due (the rows commit with this call, before any delivery).
     */
    public AlertPlanner.Plan planAndRaise(Instant now, List<Integer> thresholds) {
        int horizonDays = Collections.max(thresholds) + 1;
        List<AlertPlanner.CertificateEnd> ends = certificates.endingBefore(now.plus(Duration.ofDays(horizonDays)))
                .stream().map(e -> new AlertPlanner.CertificateEnd(e.id(), e.commonName(), e.source().name(),
                        e.notBefore(), e.notAfter())).toList();
        List<AlertPlanner.AcmeHealth> domains = acme.renewals().stream()
                .map(r -> new AlertPlanner.AcmeHealth(r.domain(), r.failureCount(), r.errorCause(), r.lastError(),
                        r.nextAttempt(), r.notBefore(), r.notAfter())).toList();
        Set<String> raised = new HashSet<>(em.createQuery("select r.key from RaisedAlert r where r.closedAt is null"
                + " and r.raisedAt > :since", String.class).setParameter("since", now.minus(KEEP)).getResultList());
        Optional<AlertPlanner.AccountReregistration> reregistration = acme.reregistration().map(r ->
                new AlertPlanner.AccountReregistration(r.directoryUrl(), r.accountUrl(), r.at()));
        AlertPlanner.Plan plan = AlertPlanner.plan(now, thresholds, ends, domains, reregistration, raised);
        for (Alert alert : plan.alerts()) {
            raise(alert);
        }
        for (String key : plan.quietKeys()) {
            Alert said = plan.alerts().stream().filter(a -> a.target().equals(key.substring(key.indexOf('/') + 1)))
                    .findFirst().orElseThrow();
            em.persist(new RaisedAlert(key, key.substring(0, key.indexOf('/')), said.severity().name(), said.target(),
                    said.subject(), now));
        }
        for (String key : plan.closedKeys()) {
            em.createNativeQuery("UPDATE alert_raised SET alert_key = CONCAT(alert_key, ?1), closed_at = ?2"
                            + " WHERE alert_key = ?3")
                    .setParameter(1, "#" + now.toEpochMilli()).setParameter(2, now).setParameter(3, key)
                    .executeUpdate();
        }
        em.createQuery("delete from AlertDelivery d where d.attemptedAt < :before")
                .setParameter("before", now.minus(KEEP)).executeUpdate();
        em.createQuery("delete from RaisedAlert r where r.raisedAt < :before and r.closedAt is not null")
                .setParameter("before", now.minus(KEEP)).executeUpdate();
        em.flush();
        return plan;
    }

    /** Raises one alert outside a check (a test alert). */
    public void raiseOne(Alert alert) {
        raise(alert);
        em.flush();
    }

    private void raise(Alert alert) {
        em.persist(new RaisedAlert(alert.key(), alert.kind().name(), alert.severity().name(), alert.target(),
                alert.subject(), alert.raisedAt()));
    }

    /** Every channel, with its secret opened for signing. */
    public List<Target> targets() throws CertgateException {
        List<Target> targets = new java.util.ArrayList<>();
        for (AlertChannel channel : em.createNamedQuery(AlertChannel.ALL, AlertChannel.class).getResultList()) {
            targets.add(target(channel));
        }
        return targets;
    }

    /** One channel, with its secret opened. */
    public Target target(String id) throws CertgateException {
        AlertChannel channel = id == null ? null : em.find(AlertChannel.class, id);
        if (channel == null) {
            throw new AlertChannelNotFoundException(String.valueOf(id));
        }
        return target(channel);
    }

    private Target target(AlertChannel channel) throws CertgateException {
        byte[] secret = channel.secret().isPresent()
                ? vault.openSecret(Vault.Owner.ALERT_WEBHOOK, channel.id(), channel.secret().get()) : null;
        return new Target(channel.id(), channel.kind(), channel.target(), secret);
    }

    /** Logs and audits one delivery, and records it on its channel (which may have been removed meanwhile). */
    public AlertDelivery delivered(Target target, AlertMessage message, String deliveryId, Sent sent, Instant at) {
        AlertDelivery delivery = new AlertDelivery(deliveryId, target.id(), message.subject(),
                message.alerts().size(), at, sent.attempts(), sent.sent() ? AlertDelivery.Outcome.SENT
                : AlertDelivery.Outcome.FAILED, sent.detail());
        em.persist(delivery);
        AlertChannel channel = em.find(AlertChannel.class, target.id());
        if (channel != null) {
            if (sent.sent()) {
                channel.delivered(at);
            } else {
                channel.failed(at, sent.detail() == null ? "failed" : sent.detail());
            }
        }
        String what = message.digest() ? "the digest of " + message.alerts().size() + " alerts \""
                + message.subject() + "\"" : "the alert \"" + message.subject() + "\"";
        String attempts = sent.attempts() == 1 ? "1 attempt" : sent.attempts() + " attempts";
        if (sent.sent()) {
            audit.record(AuditAction.ALERT_SENT, target.id(), "Sent " + what + " to " + target.label() + " (" + attempts
                    + ").");
        } else {
            audit.record(AuditAction.ALERT_SEND_FAILED, target.id(), "Could not send " + what + " to " + target.label()
                    + " (" + attempts + "): " + sent.detail());
        }
        em.flush();
        return delivery;
    }

    static String newDeliveryId() {
        return UUID.randomUUID().toString();
    }
}
