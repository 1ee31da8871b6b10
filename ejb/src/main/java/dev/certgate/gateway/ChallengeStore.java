package dev.certgate.gateway;

import dev.certgate.api.ChallengeType;
import dev.certgate.api.HostName;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ACME challenges in flight, kept in the database so that the gateway of any node of an installation can answer
 * the CA: HTTP-01 tokens on the HTTP port, TLS-ALPN-01 on the HTTPS port (the gateway makes the validation
 * certificate from the key authorization, see {@link AcmeTlsAlpn}). ACME orders publish and withdraw them; the
 * gateway only reads.
 */
@Stateless
@PermitAll // internal: called by the ACME orders and the gateway's own handler, never remotely
public class ChallengeStore {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @EJB
    private ChangeSequence sequence;

    /**
     * Publishes a challenge until {@code expiresAt} (replacing one with the same token).
     *
     * @param type   {@code HTTP_01} or {@code TLS_ALPN_01}: a DNS-01 answer is published in DNS, not here
     * @param domain the name being validated
     */
    public void publish(ChallengeType type, String token, HostName domain, String keyAuthorization,
                        Instant expiresAt) {
        if (Objects.requireNonNull(type, "type") == ChallengeType.DNS_01) {
            throw new IllegalArgumentException("a DNS-01 answer is published in DNS, not by the gateway");
        }
        withdraw(token);
        em.createNativeQuery("INSERT INTO acme_challenge (token, key_authorization, domain, expires_at, challenge_type)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, Objects.requireNonNull(token, "token"))
                .setParameter(2, Objects.requireNonNull(keyAuthorization, "keyAuthorization"))
                .setParameter(3, Objects.requireNonNull(domain, "domain").toString())
                .setParameter(4, Timestamp.from(Objects.requireNonNull(expiresAt, "expiresAt")))
                .setParameter(5, type.name())
                .executeUpdate();
        sequence.bump(); // every node reads challenges from here; the generation still counts every change
    }

    /**
     * Removes the challenge with this token, if any; and every expired one. Two statements, each using its own index:
     * one {@code token = ? OR expires_at <= ?} scanned and locked rows of other orders on MariaDB and deadlocked when
     * several orders ran at once.
     */
    public void withdraw(String token) {
        em.createNativeQuery("DELETE FROM acme_challenge WHERE token = ?1")
                .setParameter(1, Objects.requireNonNull(token, "token"))
                .executeUpdate();
        em.createNativeQuery("DELETE FROM acme_challenge WHERE expires_at <= ?1")
                .setParameter(1, Timestamp.from(Instant.now()))
                .executeUpdate();
    }

    /** The key authorization to answer for the HTTP-01 {@code token}, unless unknown or expired. */
    public Optional<String> keyAuthorization(String token) {
        return first(em.createNativeQuery("SELECT key_authorization FROM acme_challenge WHERE token = ?1"
                        + " AND challenge_type = 'HTTP_01' AND expires_at > ?2")
                .setParameter(1, token)
                .setParameter(2, Timestamp.from(Instant.now()))
                .getResultList());
    }

    /**
     * The key authorization of the pending TLS-ALPN-01 challenge for {@code domain}, unless none or expired.
     *
     * @param domain as {@link HostName#toString()} writes it (the gateway reads the client's name with
     *               {@link HostName#fromWire}); null is none
     */
    public Optional<String> tlsAlpnKeyAuthorization(String domain) {
        if (domain == null) {
            return Optional.empty();
        }
        return first(em.createNativeQuery("SELECT key_authorization FROM acme_challenge WHERE domain = ?1"
                        + " AND challenge_type = 'TLS_ALPN_01' AND expires_at > ?2 ORDER BY expires_at DESC")
                .setParameter(1, domain)
                .setParameter(2, Timestamp.from(Instant.now()))
                .setMaxResults(1)
                .getResultList());
    }

    @SuppressWarnings("unchecked")
    private static Optional<String> first(List<?> rows) {
        return ((List<String>) rows).stream().findFirst();
    }
}
