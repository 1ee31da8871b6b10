package dev.certgate.audit;

import dev.certgate.audit.model.AuditEvent;
import dev.certgate.api.AuditEntry;
import dev.certgate.api.AuditPage;
import dev.certgate.api.AuditQuery;
import dev.certgate.api.AuditService;
import dev.certgate.api.CertgateException;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pages through the audit log, newest first; the filters use the audit_event indexes (time, actor, action, target). */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
public class AuditServiceBean implements AuditService {

    private static final int MAX_PAGE_SIZE = 500;

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @Override
    public AuditPage search(AuditQuery query) throws CertgateException {
        Filter filter = filter(query);
        return new AuditPage(filter.entries(em, query), filter.count(em));
    }

    @Override
    public long count(AuditQuery query) throws CertgateException {
        return filter(query).count(em);
    }

    @Override
    public List<AuditEntry> entries(AuditQuery query) throws CertgateException {
        return filter(query).entries(em, query);
    }

    /** The query's conditions, checked: the same for its count and its page. */
    private static Filter filter(AuditQuery query) throws InvalidInputException {
        if (query.page() < 0) {
            throw new InvalidInputException("page", "The page number must be 0 or more, not " + query.page() + ".");
        }
        if (query.size() < 1 || query.size() > MAX_PAGE_SIZE) {
            throw new InvalidInputException("size", "The page size must be from 1 to " + MAX_PAGE_SIZE + ", not "
                    + query.size() + ".");
        }
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw new InvalidInputException("from", "'from' must be before 'to'.");
        }
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (query.user() != null && !query.user().isBlank()) {
            where.append(" and e.actor = :user");
            parameters.put("user", query.user().strip());
        }
        if (query.action() != null) {
            where.append(" and e.action = :action");
            parameters.put("action", query.action());
        }
        if (query.target() != null && !query.target().isBlank()) {
            where.append(" and e.target = :target");
            parameters.put("target", query.target().strip());
        }
        if (query.from() != null) {
            where.append(" and e.occurredAt >= :from");
            parameters.put("from", query.from());
        }
        if (query.to() != null) {
            where.append(" and e.occurredAt < :to");
            parameters.put("to", query.to());
        }
        return new Filter(where.toString(), parameters);
    }

    private record Filter(String where, Map<String, Object> parameters) {

        long count(EntityManager em) {
            TypedQuery<Long> count = em.createQuery("select count(e) from AuditEvent e where " + where, Long.class);
            parameters.forEach(count::setParameter);
            return count.getSingleResult();
        }

        List<AuditEntry> entries(EntityManager em, AuditQuery query) {
            TypedQuery<AuditEvent> rows = em.createQuery("select e from AuditEvent e where " + where
                    + " order by e.occurredAt desc, e.id desc", AuditEvent.class);
            parameters.forEach(rows::setParameter);
            return rows.setFirstResult(query.page() * query.size()).setMaxResults(query.size())
                    .getResultStream()
                    .map(e -> new AuditEntry(e.occurredAt(), e.actor(), e.address(), e.action(), e.target(),
                            e.summary()))
                    .toList();
        }
    }
}
