package dev.certgate.dashboard;

import dev.certgate.acme.model.AcmeDomainState;
import dev.certgate.api.AcmeDomainView;
import dev.certgate.api.CertgateException;
import dev.certgate.api.DashboardService;
import dev.certgate.api.DashboardSummary;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.Roles;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Counts the dashboard's figures in the database. Each certificate count is a range count on the not_after index
 * (V3: not_after, id, common_name), so it reads index entries only, never the wide rows; the lists read at most a
 * few rows each, in index order where there is one.
 */
@Stateless
@DeclareRoles({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
public class DashboardServiceBean implements DashboardService {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @Override
    public DashboardSummary summary(int listSize) throws CertgateException {
        if (listSize < 1 || listSize > 50) {
            throw new InvalidInputException("listSize", "The list size must be from 1 to 50, not " + listSize + ".");
        }
        Instant now = Instant.now();
        Instant horizon = now.plus(Duration.ofDays(EXPIRING_SOON_DAYS));
        long expired = count("select count(c) from Certificate c where c.notAfter < :now", now, null);
        long expiringSoon = count("select count(c) from Certificate c where c.notAfter >= :now"
                + " and c.notAfter < :horizon", now, horizon);
        long valid = count("select count(c) from Certificate c where c.notAfter >= :horizon", null, horizon);
        long acmeDomains = em.createQuery("select count(s) from AcmeDomainState s", Long.class).getSingleResult();
        long acmeFailing = em.createQuery("select count(s) from AcmeDomainState s where s.state = :failing",
                Long.class).setParameter("failing", AcmeDomainState.State.FAILING).getSingleResult();
        List<AcmeDomainView> next = em.createQuery("select s from AcmeDomainState s order by s.nextAttempt asc,"
                        + " s.domain asc", AcmeDomainState.class)
                .setMaxResults(listSize).getResultStream().map(DashboardServiceBean::view).toList();
        List<AcmeDomainView> failures = em.createQuery("select s from AcmeDomainState s where s.state = :failing"
                        + " order by s.lastAttempt desc, s.domain asc", AcmeDomainState.class)
                .setParameter("failing", AcmeDomainState.State.FAILING)
                .setMaxResults(listSize).getResultStream().map(DashboardServiceBean::view).toList();
        List<DashboardSummary.ExpiringCertificate> soonest = em.createQuery("select c.id, c.commonName, c.source,"
                        + " c.notAfter from Certificate c where c.notAfter >= :now order by c.notAfter asc, c.id asc",
                        Object[].class)
                .setParameter("now", now).setMaxResults(listSize).getResultStream()
                .map(row -> new DashboardSummary.ExpiringCertificate((String) row[0], (String) row[1],
                        String.valueOf(row[2]), (Instant) row[3]))
                .toList();
        return new DashboardSummary(now, expired + expiringSoon + valid, valid, expiringSoon, expired, acmeDomains,
                acmeFailing, next, failures, soonest);
    }

    private long count(String query, Instant now, Instant horizon) {
        var count = em.createQuery(query, Long.class);
        if (now != null) {
            count.setParameter("now", now);
        }
        if (horizon != null) {
            count.setParameter("horizon", horizon);
        }
        return count.getSingleResult();
    }

    private static AcmeDomainView view(AcmeDomainState s) {
        return new AcmeDomainView(s.domain(), s.state().name(), s.certificateId().orElse(null),
                s.notAfter().orElse(null), s.lastAttempt().orElse(null), s.lastError().orElse(null),
                s.errorCause().orElse(null), s.nextAttempt(), s.failureCount());
    }
}
