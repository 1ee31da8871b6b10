package dev.certgate.audit;

import dev.certgate.api.AuditAction;
import dev.certgate.api.RequestOrigin;
import dev.certgate.audit.model.AuditEvent;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;

/**
 * Writes the audit log, in the caller's transaction: an action that rolls back leaves no audit row, and an action
 * that commits always has one. Summaries never contain key material, passwords or tokens.
 */
@Stateless
@PermitAll // internal: no remote view; the calling service checked the roles
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class AuditLog {

    /** The actor of calls made by nobody signed in. */
    public static final String ANONYMOUS = "anonymous";

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @Resource
    private SessionContext session;

    @Inject
    private Instance<RequestOrigin> origin;

    /**
     * Records an action.
     *
     * @param action  what was done
     * @param target  the id or name acted on; null when none
     * @param summary one sentence for people
     */
    public void record(AuditAction action, String target, String summary) {
        em.persist(new AuditEvent(Instant.now(), actor(), address(), action, target, summary));
    }

    /** Who is calling: the signed-in user, or {@value #ANONYMOUS}. */
    public String actor() {
        String name = session.getCallerPrincipal() == null ? null : session.getCallerPrincipal().getName();
        return name == null || name.isBlank() ? ANONYMOUS : name;
    }

    private String address() {
        try {
            return origin.isResolvable() ? origin.get().address() : null;
        } catch (RuntimeException e) {
            return null; // no request scope (timer, remote call): the address is unknown
        }
    }
}
