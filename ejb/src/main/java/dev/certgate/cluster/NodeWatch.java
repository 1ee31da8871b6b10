package dev.certgate.cluster;

import dev.certgate.alerts.AlertCheck;
import dev.certgate.api.CertgateException;
import dev.certgate.api.NodeService;
import dev.certgate.core.alerts.AlertPlanner;
import dev.certgate.logging.CertgateLog;
import dev.certgate.settings.Settings;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells the operator when a node stopped serving: every {@link #EVERY_SECONDS} s each live node reads the heartbeat
 * rows and raises a {@code NODE_DOWN} alert for each other node that is not {@link NodeRegistry.Row#up() up}, through
 * the alert channels ({@link AlertCheck#raiseAndSend}); the alert's key ({@link AlertPlanner#nodeDownKey}) is the
 * primary key of the shared {@code alert_raised} table, so the cluster raises it once however many nodes see it.
 * When the node is up again (or its row was deleted: a node removed on purpose) the alert ends, so that the next
 * silence raises a new one.
 * <p>
 * A node judges the others only after it has itself read the rows without a failure for longer than
 * {@link NodeService#DOWN_AFTER_SECONDS}: after its own start, or after a database outage that silenced every node
 * alike, the others get the time to write a heartbeat before their silence counts. The work runs on the managed
 * executor, not on the timer's thread or the heartbeat's: a delivery with its retries takes seconds.
 */
@Singleton
@Startup
@PermitAll // internal: no remote view; called by its own timer
@DependsOn("Settings")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeWatch {

    /** How often the rows are looked at: a down node is reported within DOWN_AFTER_SECONDS + this. */
    static final int EVERY_SECONDS = 5;

    @EJB
    private NodeRegistry registry;

    @EJB
    private AlertCheck alerts;

    @EJB
    private Settings settings;

    @Resource
    private ManagedExecutorService executor;

    private final AtomicBoolean running = new AtomicBoolean();
    /** System.nanoTime() of the first read of the rows since the start or since the last failure; 0: none yet. */
    private volatile long watchingSince;
    /** Whether the last look failed: the failure is logged once, not every look. */
    private volatile boolean failing;

    @Schedule(hour = "*", minute = "*", second = "*/" + EVERY_SECONDS, persistent = false,
            info = "certgate node watch")
    void tick() {
        if (running.compareAndSet(false, true)) {
            try {
                executor.execute(this::lookOnce);
            } catch (RuntimeException e) {
                running.set(false); // shutting down
            }
        }
    }

    private void lookOnce() {
        try {
            look();
        } finally {
            running.set(false);
        }
    }

    /** One look at the rows (one at a time: {@link #running}). */
    private void look() {
        String self = settings.current().nodeName();
        List<NodeRegistry.Row> rows;
        try {
            rows = registry.rows();
        } catch (RuntimeException e) {
            watchingSince = 0; // the others' heartbeats may have stopped for the same reason
            if (!failing) {
                CertgateLog.nodeWatchFailed(e);
            }
            failing = true;
            return;
        }
        failing = false;
        long now = System.nanoTime();
        if (watchingSince == 0) {
            watchingSince = now;
        }
        Optional<List<NodeRegistry.Row>> judged = down(rows, self, Duration.ofNanos(now - watchingSince));
        if (judged.isEmpty()) {
            return; // not watching long enough to judge: every alert stays as it is
        }
        Set<String> open = new HashSet<>();
        Instant raisedAt = Instant.now();
        for (NodeRegistry.Row row : judged.get()) {
            open.add(AlertPlanner.nodeDownKey(row.name()));
            try {
                if (alerts.raiseAndSend(AlertPlanner.nodeDown(raisedAt, row.name(), row.lastHeartbeat(),
                        row.secondsSinceHeartbeat()))) {
                    CertgateLog.nodeDown(row.name(), row.lastHeartbeat(), row.secondsSinceHeartbeat());
                }
            } catch (CertgateException | RuntimeException e) {
                CertgateLog.nodeWatchFailed(e);
            }
        }
        try {
            int ended = alerts.closeAllBut(AlertPlanner.NODE_DOWN_PREFIX, open);
            if (ended > 0) {
                CertgateLog.nodeDownEnded(ended);
            }
        } catch (RuntimeException e) {
            CertgateLog.nodeWatchFailed(e);
        }
    }

    /**
     * The nodes to report as down: every row but {@code self}'s whose heartbeat is too old ({@link
     * NodeRegistry.Row#up()}). A node without a row (never started, or removed on purpose) is not reported.
     *
     * @param watched how long {@code self} has read the rows without a failure
     * @return empty while {@code watched} is not more than {@link NodeService#DOWN_AFTER_SECONDS}: too early to
     *         judge (the alerts raised before stay as they are)
     */
    static Optional<List<NodeRegistry.Row>> down(List<NodeRegistry.Row> rows, String self, Duration watched) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(self, "self");
        if (watched.toSeconds() <= NodeService.DOWN_AFTER_SECONDS) {
            return Optional.empty();
        }
        return Optional.of(rows.stream().filter(row -> !row.name().equals(self) && !row.up()).toList());
    }
}
