package dev.certgate.alerts;

import dev.certgate.alerts.model.AlertChannel;
import dev.certgate.api.AlertChannelView;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;

/**
 * What the other capabilities (the Dashboard) may read of the alerts: the alerts capability owns its tables. Joins
 * the caller's transaction; the calling service checked the roles.
 */
@Stateless
@PermitAll // internal: no remote view
public class AlertDirectory {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    /** The channels whose last delivery failed. */
    public List<AlertChannelView> failingChannels() {
        return em.createQuery("select c from AlertChannel c where c.status = :failing order by c.kind, c.target",
                        AlertChannel.class).setParameter("failing", AlertChannel.Status.FAILING).getResultStream()
                .map(AlertServiceBean::view).toList();
    }

    /** How many channels there are (none: alerts reach nobody). */
    public long channelCount() {
        return em.createQuery("select count(c) from AlertChannel c", Long.class).getSingleResult();
    }
}
