package dev.certgate.gateway;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP-01 challenges in flight, kept in the database so that any node of an installation can answer the CA.
 * The ACME orders write them (issue: ACME automatic certificates); the gateway only reads.
 */
@Stateless
@PermitAll // internal: read by the gateway's own handler
public class ChallengeStore {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    /** The key authorization to answer for {@code token}, unless unknown or expired. */
    public Optional<String> keyAuthorization(String token) {
        @SuppressWarnings("unchecked")
        List<String> found = em.createNativeQuery("SELECT key_authorization FROM acme_challenge WHERE token = ?1"
                        + " AND expires_at > ?2")
                .setParameter(1, token)
                .setParameter(2, Timestamp.from(Instant.now()))
                .getResultList();
        return found.stream().findFirst();
    }
}
