package dev.certgate.gateway;

import dev.certgate.applications.ApplicationsChanged;
import dev.certgate.certificates.CertificatesChanged;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The installation's change sequence ({@code change_sequence}): a generation that every transaction changing what a
 * gateway serves increments before it commits. Incrementing locks the row until the commit, so generations are
 * handed out in commit order and a node that has read generation N and then loaded its snapshot has every change up
 * to N. Certificate, domain, application and gateway-settings changes bump it through the events their services fire
 * inside the transaction, ACME challenges through {@link ChallengesChanged}.
 */
@Stateless
@PermitAll // internal: no remote view; the calling service checked the roles
public class ChangeSequence {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    /** Increments the generation inside the caller's transaction (which must exist: the bump must commit with it). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void bump() {
        int updated = em.createNativeQuery("UPDATE change_sequence SET generation = generation + 1,"
                + " changed_at = CURRENT_TIMESTAMP(6) WHERE id = 1").executeUpdate();
        if (updated != 1) {
            throw new IllegalStateException("the change_sequence row is missing (schema version 14 not applied?)");
        }
    }

    /** The generation as this transaction sees it: after its own bump, the generation that includes its change. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public long inThisTransaction() {
        Object value = em.createNativeQuery("SELECT generation FROM change_sequence WHERE id = 1").getSingleResult();
        return ((Number) value).longValue();
    }

    /** The generation as committed now (its own transaction, so never an older read view of the caller's). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long current() {
        Object value = em.createNativeQuery("SELECT generation FROM change_sequence WHERE id = 1").getSingleResult();
        return ((Number) value).longValue();
    }

    /** Called by the container inside the transaction that changed a certificate or the gateway's settings. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void onCertificatesChanged(@Observes CertificatesChanged change) {
        bump();
    }

    /** Called by the container inside the transaction that changed an application or its domains. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void onApplicationsChanged(@Observes ApplicationsChanged change) {
        bump();
    }

    /** Called by the container inside the transaction that published an ACME challenge. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void onChallengesChanged(@Observes ChallengesChanged change) {
        bump();
    }
}
