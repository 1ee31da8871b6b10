package dev.certgate.alerts;

import dev.certgate.alerts.model.AlertChannel;
import dev.certgate.alerts.model.AlertDelivery;
import dev.certgate.api.AlertCheckResult;
import dev.certgate.api.CertgateException;
import dev.certgate.core.alerts.Alert;
import dev.certgate.core.alerts.AlertMessage;
import dev.certgate.core.alerts.AlertPlanner;
import dev.certgate.logging.CertgateLog;
import dev.certgate.metrics.Metrics;
import dev.certgate.settings.CertgateSettings;
import dev.certgate.settings.Settings;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * One alert check: take the lease (else another node is checking), plan and raise (committed), then deliver each
 * message to each channel and log it. Outside any transaction: SMTP and HTTP are never inside one. An alert is raised
 * before it is delivered, so a node that dies mid-delivery loses that delivery rather than sending it twice.
 */
@Stateless
@PermitAll // internal: the timer and the service (which checked the roles) call it
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AlertCheck {

    /** E-mail: one retry (the SMTP server's own queue does the rest). */
    static final int MAIL_ATTEMPTS = 2;

    @EJB
    private AlertStore store;

    @EJB
    private Settings settings;

    @EJB
    private Metrics metrics;

    private final String owner = "alerts@" + UUID.randomUUID();

    public AlertCheckResult run() throws CertgateException {
        CertgateSettings current = settings.current();
        String leaseOwner = current.nodeName() + "/" + owner;
        if (!store.takeLease(leaseOwner)) {
            return new AlertCheckResult(false, 0, 0, 0);
        }
        try {
            AlertPlanner.Plan plan = store.planAndRaise(Instant.now(),
                    AlertPlanner.thresholds(current.alertsExpiryDays()));
            if (plan.alerts().isEmpty()) {
                return new AlertCheckResult(true, 0, 0, 0);
            }
            List<AlertMessage> messages = AlertPlanner.messages(plan.alerts(), current.alertsDigestFrom());
            List<AlertStore.Target> targets = store.targets();
            int delivered = 0;
            int failed = 0;
            for (AlertStore.Target target : targets) {
                try {
                    for (AlertMessage message : messages) {
                        if (deliver(target, message).outcome() == AlertDelivery.Outcome.SENT) {
                            delivered++;
                        } else {
                            failed++;
                        }
                    }
                } finally {
                    clear(target);
                }
            }
            if (targets.isEmpty()) {
                CertgateLog.alertsWithoutChannel(plan.alerts().size());
            } else {
                CertgateLog.alertsRaised(plan.alerts().size(), delivered, failed, targets.size());
            }
            return new AlertCheckResult(true, plan.alerts().size(), delivered, failed);
        } finally {
            store.releaseLease(leaseOwner);
        }
    }

    /**
     * Raises one alert found outside the check (the served-certificate check, a node that stopped serving) and sends it at once to every channel,
     * unless an open alert has its key (a second round, or another node, raised it already).
     *
     * @return whether it was raised now
     */
    public boolean raiseAndSend(Alert alert) throws CertgateException {
        try {
            if (!store.raiseIfNew(alert)) {
                return false;
            }
        } catch (jakarta.ejb.EJBException raisedMeanwhile) {
            return false; // the same key committed by another node first
        }
        List<AlertStore.Target> targets = store.targets();
        if (targets.isEmpty()) {
            CertgateLog.alertsWithoutChannel(1);
        }
        int delivered = 0;
        int failed = 0;
        for (AlertStore.Target target : targets) {
            try {
                for (AlertMessage message : AlertPlanner.messages(List.of(alert), Integer.MAX_VALUE)) {
                    if (deliver(target, message).outcome() == AlertDelivery.Outcome.SENT) {
                        delivered++;
                    } else {
                        failed++;
                    }
                }
            } finally {
                clear(target);
            }
        }
        if (!targets.isEmpty()) {
            CertgateLog.alertsRaised(1, delivered, failed, targets.size());
        }
        return true;
    }

    /**
     * Ends the open alerts whose keys start with {@code prefix}, except {@code keep}: the problems they reported are
     * gone (so each may be raised again when it comes back); how many it ended.
     */
    public int closeAllBut(String prefix, java.util.Set<String> keep) {
        return store.closeAllBut(prefix, keep, Instant.now());
    }

    /** Delivers one message to one channel (with its retries), then logs and audits it. */
    public AlertDelivery deliver(AlertStore.Target target, AlertMessage message) {
        CertgateSettings current = settings.current();
        String deliveryId = AlertStore.newDeliveryId();
        Sent sent;
        if (target.kind() == AlertChannel.Kind.EMAIL) {
            sent = MailSender.send(target.target(), message, MAIL_ATTEMPTS, current.alertsWebhookBackoff());
        } else {
            sent = WebhookSender.post(URI.create(target.target()), target.secret(),
                    WebhookSender.body(message, deliveryId, Instant.now()), deliveryId,
                    current.alertsWebhookAttempts(), current.alertsWebhookBackoff());
        }
        metrics.alertDelivered(target.kind().name().toLowerCase(java.util.Locale.ROOT), sent.sent());
        if (!sent.sent()) {
            CertgateLog.alertDeliveryFailed(target.label(), message.subject(), sent.attempts(), sent.detail());
        }
        return store.delivered(target, message, deliveryId, sent, Instant.now());
    }

    static void clear(AlertStore.Target target) {
        if (target.secret() != null) {
            Arrays.fill(target.secret(), (byte) 0);
        }
    }
}
