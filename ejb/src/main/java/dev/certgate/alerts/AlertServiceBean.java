package dev.certgate.alerts;

import dev.certgate.alerts.model.AlertChannel;
import dev.certgate.alerts.model.AlertDelivery;
import dev.certgate.alerts.model.RaisedAlert;
import dev.certgate.api.AlertChannelNotFoundException;
import dev.certgate.api.AlertChannelSpec;
import dev.certgate.api.AlertChannelView;
import dev.certgate.api.AlertCheckResult;
import dev.certgate.api.AlertDeliveryView;
import dev.certgate.api.AlertService;
import dev.certgate.api.AlertView;
import dev.certgate.api.AuditAction;
import dev.certgate.api.CertgateException;
import dev.certgate.api.DuplicateAlertChannelException;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.Roles;
import dev.certgate.audit.AuditLog;
import dev.certgate.core.alerts.Alert;
import dev.certgate.core.alerts.AlertMessage;
import dev.certgate.core.alerts.AlertPlanner;
import dev.certgate.vault.Vault;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The alert channels and the alerts raised, for the Alerts page, REST and the command line. Every role reads; admins
 * and operators add and remove channels, send test alerts and run the check. A new channel is checked whole before
 * anything is written, so a refused one leaves nothing behind.
 */
@Stateless
@DeclareRoles({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
public class AlertServiceBean implements AlertService {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @EJB
    private Vault vault;

    @EJB
    private AuditLog audit;

    @EJB
    private AlertStore store;

    @EJB
    private AlertCheck check;

    @jakarta.annotation.Resource
    private jakarta.ejb.SessionContext session;

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public List<AlertChannelView> channels() {
        return em.createNamedQuery(AlertChannel.ALL, AlertChannel.class).getResultStream()
                .map(AlertServiceBean::view).toList();
    }

    @Override
    public AlertChannelView addChannel(AlertChannelSpec spec) throws CertgateException {
        AlertChannel.Kind kind = AlertRules.kind(spec);
        String description = AlertRules.description(spec.description());
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        AlertChannel channel;
        if (kind == AlertChannel.Kind.EMAIL) {
            String address = AlertRules.address(spec.address());
            requireNew(kind, address);
            channel = AlertChannel.email(id, address, description, audit.actor(), now);
        } else {
            String url = AlertRules.url(spec.url()).toString();
            byte[] secret = AlertRules.secret(spec.secret()).getBytes(StandardCharsets.UTF_8);
            requireNew(kind, url);
            try {
                channel = AlertChannel.webhook(id, url, description,
                        vault.sealSecret(Vault.Owner.ALERT_WEBHOOK, id, secret), audit.actor(), now);
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        }
        em.persist(channel);
        em.flush();
        audit.record(AuditAction.ALERT_CHANNEL_ADD, id, "Alerts now go to " + channel.target() + " ("
                + (kind == AlertChannel.Kind.EMAIL ? "e-mail" : "webhook") + ").");
        return view(channel);
    }

    private void requireNew(AlertChannel.Kind kind, String target) throws DuplicateAlertChannelException {
        if (!em.createQuery("select c.id from AlertChannel c where c.kind = :kind and c.target = :target",
                String.class).setParameter("kind", kind).setParameter("target", target).getResultList().isEmpty()) {
            throw new DuplicateAlertChannelException(target);
        }
    }

    @Override
    public void deleteChannel(String id) throws CertgateException {
        AlertChannel channel = find(id);
        em.createQuery("delete from AlertDelivery d where d.channelId = :id").setParameter("id", id).executeUpdate();
        em.remove(channel);
        em.flush();
        audit.record(AuditAction.ALERT_CHANNEL_DELETE, id, "Alerts no longer go to " + channel.target() + ".");
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AlertDeliveryView sendTest(String id) throws CertgateException {
        AlertStore.Target target = store.target(id);
        try {
            Alert alert = AlertPlanner.test(Instant.now(), caller()); // no transaction here: not AuditLog.actor
            store.raiseOne(alert);
            return view(check.deliver(target, new AlertMessage(alert.subject(), alert.text(), List.of(alert))));
        } finally {
            AlertCheck.clear(target);
        }
    }

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public List<AlertDeliveryView> deliveries(String channelId, int limit) throws CertgateException {
        find(channelId);
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit", "Ask for 1 to 500 deliveries, not " + limit + ".");
        }
        return em.createQuery("select d from AlertDelivery d where d.channelId = :id order by d.attemptedAt desc",
                        AlertDelivery.class).setParameter("id", channelId).setMaxResults(limit).getResultStream()
                .map(AlertServiceBean::view).toList();
    }

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public List<AlertView> recent(int days) throws CertgateException {
        if (days < 1 || days > 90) {
            throw new InvalidInputException("days", "Ask for the alerts of 1 to 90 days, not " + days + ".");
        }
        return em.createQuery("select r from RaisedAlert r where r.raisedAt >= :since order by r.raisedAt desc,"
                        + " r.key", RaisedAlert.class)
                .setParameter("since", Instant.now().minus(Duration.ofDays(days))).setMaxResults(1000)
                .getResultStream().map(r -> new AlertView(r.kind(), r.severity(), r.target(), r.subject(),
                        r.raisedAt())).toList();
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AlertCheckResult checkNow() throws CertgateException {
        return check.run();
    }

    private String caller() {
        String name = session.getCallerPrincipal() == null ? null : session.getCallerPrincipal().getName();
        return name == null || name.isBlank() ? AuditLog.ANONYMOUS : name;
    }

    private AlertChannel find(String id) throws AlertChannelNotFoundException {
        AlertChannel channel = id == null ? null : em.find(AlertChannel.class, id);
        if (channel == null) {
            throw new AlertChannelNotFoundException(String.valueOf(id));
        }
        return channel;
    }

    static AlertChannelView view(AlertChannel c) {
        boolean email = c.kind() == AlertChannel.Kind.EMAIL;
        return new AlertChannelView(c.id(), c.kind().name(), email ? c.target() : null, email ? null : c.target(),
                c.description().orElse(null), c.status().name(), c.lastDelivery().orElse(null),
                c.lastError().orElse(null), c.version());
    }

    static AlertDeliveryView view(AlertDelivery d) {
        return new AlertDeliveryView(d.id(), d.channelId(), d.subject(), d.alertCount(), d.attemptedAt(),
                d.attempts(), d.outcome().name(), d.detail().orElse(null));
    }
}
