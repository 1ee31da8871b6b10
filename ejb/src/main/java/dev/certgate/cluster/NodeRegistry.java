package dev.certgate.cluster;

import dev.certgate.api.NodeService;
import dev.certgate.persistence.NativeRows;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The {@code cluster_node} table: one heartbeat row per node. Heartbeats carry the database's clock
 * ({@code CURRENT_TIMESTAMP}), and ages are measured against it, so a node with a skewed clock is judged fairly.
 */
@Stateless
@PermitAll // internal: written by the node's own heartbeat, read by NodeServiceBean which checks the roles
public class NodeRegistry {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    /** A node's row as stored, with the database's clock at the time of reading. */
    public record Row(String name, String version, Instant startedAt, Instant lastHeartbeat, Instant databaseNow,
                      long generation, List<String> keyIds, List<String> sealingKeyIds) {

        /** Seconds since the node's last heartbeat, by the database's clock (never negative). */
        public long secondsSinceHeartbeat() {
            return Math.max(0, Duration.between(lastHeartbeat, databaseNow).toSeconds());
        }

        /** A heartbeat within {@link NodeService#DOWN_AFTER_SECONDS}: the one rule for a live node. */
        public boolean up() {
            return secondsSinceHeartbeat() <= NodeService.DOWN_AFTER_SECONDS;
        }
    }

    /**
     * Writes this node's heartbeat (insert on the first one). Its own short transaction: a heartbeat never waits on
     * or holds anything else.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void heartbeat(String name, String version, Instant startedAt, long generation, List<String> keyIds,
                          List<String> sealingKeyIds) {
        Objects.requireNonNull(name, "name");
        String keys = String.join(",", keyIds);
        String sealing = String.join(",", sealingKeyIds);
        int updated = em.createNativeQuery("UPDATE cluster_node SET version = ?1, started_at = ?2,"
                        + " last_heartbeat = CURRENT_TIMESTAMP(6), generation = ?3, key_ids = ?4,"
                        + " sealing_key_ids = ?6 WHERE name = ?5")
                .setParameter(1, version).setParameter(2, Timestamp.from(startedAt)).setParameter(3, generation)
                .setParameter(4, keys).setParameter(5, name).setParameter(6, sealing)
                .executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO cluster_node (name, version, started_at, last_heartbeat, generation,"
                            + " key_ids, sealing_key_ids) VALUES (?1, ?2, ?3, CURRENT_TIMESTAMP(6), ?4, ?5, ?6)")
                    .setParameter(1, name).setParameter(2, version).setParameter(3, Timestamp.from(startedAt))
                    .setParameter(4, generation).setParameter(5, keys).setParameter(6, sealing)
                    .executeUpdate();
        }
    }

    /** The rows of the live nodes ({@link Row#up()}), by name. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Row> liveRows() {
        return rows().stream().filter(Row::up).toList();
    }

    /** Every node's row, by name. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Row> rows() {
        List<?> result = em.createNativeQuery("SELECT name, version, started_at, last_heartbeat, generation, key_ids,"
                + " CURRENT_TIMESTAMP(6), sealing_key_ids FROM cluster_node ORDER BY name").getResultList();
        List<Row> rows = new ArrayList<>(result.size());
        for (Object item : result) {
            Object[] row = (Object[]) item;
            rows.add(new Row((String) row[0], (String) row[1], NativeRows.instant(row[2]), NativeRows.instant(row[3]),
                    NativeRows.instant(row[6]),
                    ((Number) row[4]).longValue(), ids((String) row[5]), ids((String) row[7])));
        }
        return rows;
    }

    private static List<String> ids(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
