package dev.certgate.gateway;

import dev.certgate.api.ChallengeType;
import dev.certgate.api.HostName;
import dev.certgate.logging.CertgateLog;
import dev.certgate.persistence.NativeRows;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ACME challenges in flight, kept in the database so that the gateway of every node of an installation can
 * answer the CA: HTTP-01 tokens on the HTTP port, TLS-ALPN-01 on the HTTPS port (the gateway makes the validation
 * certificate from the key authorization, see {@link AcmeTlsAlpn}). ACME orders publish and withdraw them. The
 * gateways never query this table per request: each loads the pending challenges with its snapshot
 * ({@link PendingChallenges}) after every publish, and an order waits until every live node serves its challenge
 * before it asks the CA to validate ({@link #awaitServed}).
 */
@Stateless
@PermitAll // internal: called by the ACME orders and the gateway's snapshot, never remotely
public class ChallengeStore {

    /** How often the wait for the other nodes reads their heartbeat rows. */
    private static final Duration POLL = Duration.ofMillis(100);

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @EJB
    private ChangeSequence sequence;

    @Inject
    private Event<ChallengesChanged> changed;

    /** What the live nodes serve; unsatisfied when no capability offers it (then this node is all there is). */
    @Inject
    @Any
    private Instance<ServingNodes> nodes;

    /**
     * Publishes a challenge until {@code expiresAt} (replacing one with the same token). After the commit this node's
     * gateway answers it; the others do once they caught up with the returned generation (see {@link #awaitServed}).
     *
     * @param type   {@code HTTP_01} or {@code TLS_ALPN_01}: a DNS-01 answer is published in DNS, not here
     * @param domain the name being validated
     * @return the change generation that includes it
     */
    public long publish(ChallengeType type, String token, HostName domain, String keyAuthorization,
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
        changed.fire(new ChallengesChanged(token)); // bumps the change sequence in this transaction
        return sequence.inThisTransaction();
    }

    /**
     * Removes the challenge with this token, if any; and every expired one. Two statements, each using its own index:
     * one {@code token = ? OR expires_at <= ?} scanned and locked rows of other orders on MariaDB and deadlocked when
     * several orders ran at once. The gateways keep answering it until their next snapshot: harmless, the CA has
     * validated or given up, and an answer is only ever the key authorization the CA itself asked for.
     */
    public void withdraw(String token) {
        em.createNativeQuery("DELETE FROM acme_challenge WHERE token = ?1")
                .setParameter(1, Objects.requireNonNull(token, "token"))
                .executeUpdate();
        em.createNativeQuery("DELETE FROM acme_challenge WHERE expires_at <= ?1")
                .setParameter(1, Timestamp.from(Instant.now()))
                .executeUpdate();
    }

    /** The challenges not yet expired, for the gateway's snapshot. */
    public PendingChallenges pending() {
        List<?> rows = em.createNativeQuery("SELECT challenge_type, token, domain, key_authorization, expires_at"
                        + " FROM acme_challenge WHERE expires_at > ?1")
                .setParameter(1, Timestamp.from(Instant.now()))
                .getResultList();
        List<PendingChallenges.Pending> pending = new ArrayList<>(rows.size());
        for (Object item : rows) {
            Object[] row = (Object[]) item;
            pending.add(new PendingChallenges.Pending(ChallengeType.valueOf((String) row[0]), (String) row[1],
                    (String) row[2], (String) row[3], NativeRows.instant(row[4])));
        }
        return PendingChallenges.of(pending);
    }

    /**
     * Waits until every other live node's gateway serves {@code generation} (a published challenge), at most
     * {@code max}: the CA may send its validation to any node. Outside any transaction (the publish has committed,
     * and this reads the heartbeat rows as they are committed). A node that does not catch up in time is logged,
     * and the order goes on: the CA retries a failed validation only within its own limits, so waiting longer would
     * not help a node that is down but not yet judged so.
     *
     * @return whether every live node serves it
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean awaitServed(long generation, Duration max) {
        if (!nodes.isResolvable()) {
            return true;
        }
        ServingNodes cluster = nodes.get();
        String self = cluster.localNode();
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            List<String> behind = new ArrayList<>();
            for (Map.Entry<String, Long> node : cluster.servedGenerations().entrySet()) {
                if (!node.getKey().equals(self) && node.getValue() < generation) {
                    behind.add(node.getKey());
                }
            }
            if (behind.isEmpty()) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                CertgateLog.challengeNotServedEverywhere(generation, behind, max.toMillis());
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
