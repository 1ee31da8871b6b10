package dev.certgate.served;

import dev.certgate.alerts.AlertCheck;
import dev.certgate.api.CertgateException;
import dev.certgate.api.ServedCheckView;
import dev.certgate.core.alerts.AlertPlanner;
import dev.certgate.core.served.ServedJudge;
import dev.certgate.gateway.ChangeSequence;
import dev.certgate.gateway.Gateway;
import dev.certgate.gateway.GatewaySettings;
import dev.certgate.gateway.SnapshotReplaced;
import dev.certgate.logging.CertgateLog;
import dev.certgate.metrics.Metrics;
import dev.certgate.settings.CertgateSettings;
import dev.certgate.settings.Durations;
import dev.certgate.settings.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;

import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the served-certificate check on this node (see the package): rounds on the container's managed executor, one
 * at a time; a trigger while a round runs makes one more round after it. A problem is looked at a second time once
 * the gateway serves every committed change ({@link Gateway#servedGeneration()} against {@link ChangeSequence}), so
 * only what the gateway keeps serving otherwise than the store says is reported.
 */
@Singleton
@Startup
@PermitAll // internal: ServedCheckServiceBean checked the roles
@DependsOn({"Settings", "Metrics"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ServedCheck {

    /** At most this many handshakes a second (one at a time). */
    static final int PER_SECOND = 4;
    /** A handshake that takes longer counts as failed. */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
    /** How long after a problem is first seen it is looked at again, after a fresh read of the store. */
    static final Duration SECOND_LOOK = Duration.ofSeconds(2);
    /** How long the second look waits for the gateway to serve every committed change. */
    static final Duration CATCH_UP = Duration.ofSeconds(30);

    @Resource
    private TimerService timers;

    @Resource
    private ManagedExecutorService executor;

    @EJB
    private Settings settings;

    @EJB
    private ServedStore store;

    @EJB
    private AlertCheck alerts;

    @EJB
    private Metrics metrics;

    @EJB
    private Gateway gateway;

    @EJB
    private ChangeSequence sequence;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile List<ServedCheckView> problems = List.of();
    private volatile Instant lastCheck;
    private volatile int lastRoundNames;
    private volatile long lastRoundMillis;
    private long nextSlot;

    @PostConstruct
    void schedule() {
        Duration interval = settings.current().gatewayServedCheckInterval();
        timers.createIntervalTimer(interval.toMillis(), interval.toMillis(),
                new TimerConfig("certgate-served-check", false));
        CertgateLog.servedCheckScheduled(Durations.format(interval));
    }

    @Timeout
    void onTimeout() {
        trigger();
    }

    /** After every snapshot change of this node's gateway. */
    public void onSnapshotReplaced(@Observes SnapshotReplaced replaced) {
        trigger();
    }

    /** The problems the last round found, sorted by name. */
    public List<ServedCheckView> problems() {
        return problems;
    }

    public Instant lastCheck() {
        return lastCheck;
    }

    /** How many names the last round looked at: a round takes about this many quarter seconds. */
    public int lastRoundNames() {
        return lastRoundNames;
    }

    /** How long the last round took. */
    public long lastRoundMillis() {
        return lastRoundMillis;
    }

    private void trigger() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            try {
                executor.submit(this::rounds);
            } catch (RuntimeException e) {
                running.set(false); // shutting down
            }
        }
    }

    private void rounds() {
        try {
            while (again.getAndSet(false)) {
                try {
                    round();
                } catch (RuntimeException e) {
                    CertgateLog.servedCheckFailed(e);
                }
            }
        } finally {
            running.set(false);
        }
        if (again.get() && running.compareAndSet(false, true)) {
            executor.submit(this::rounds); // a trigger between the last look and the release
        }
    }

    private void round() {
        if (!gateway.serving()) {
            return; // not listening yet (at start) or no more: the next trigger checks
        }
        long started = System.nanoTime();
        CertgateSettings current = settings.current();
        GatewaySettings gateway = GatewaySettings.of(current);
        ServedHandshake client;
        try {
            client = new ServedHandshake(gateway.bindAddress(), gateway.httpsPort(), HANDSHAKE_TIMEOUT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS client", e);
        }
        Map<String, List<ServedJudge.Stored>> names = store.names();
        Map<String, ServedJudge.Verdict> verdicts = new TreeMap<>();
        for (Map.Entry<String, List<ServedJudge.Stored>> name : names.entrySet()) {
            verdicts.put(name.getKey(), check(client, name.getKey(), name.getValue()));
        }
        // a second look at each problem, against a fresh read of the store: a change being loaded is no problem
        List<String> suspects = verdicts.values().stream().filter(ServedJudge.Verdict::problem)
                .map(ServedJudge.Verdict::host).toList();
        if (!suspects.isEmpty()) {
            pause(SECOND_LOOK);
            awaitCaughtUp();
            Map<String, List<ServedJudge.Stored>> fresh = store.names();
            for (String host : suspects) {
                List<ServedJudge.Stored> candidates = fresh.get(host);
                if (candidates == null) {
                    verdicts.remove(host); // no longer stored
                } else {
                    verdicts.put(host, check(client, host, candidates));
                }
            }
        }
        Instant now = Instant.now();
        String node = current.nodeName();
        List<ServedCheckView> found = new ArrayList<>();
        for (ServedJudge.Verdict verdict : verdicts.values()) {
            metrics.servedChecked(Metrics.ServedOutcome.valueOf(verdict.outcome().name()));
            if (verdict.problem()) {
                found.add(new ServedCheckView(node, verdict.host(), verdict.outcome().name(),
                        verdict.certificateId(), verdict.servedSha256(), verdict.detail(), now));
            }
        }
        found.sort(Comparator.comparing(ServedCheckView::host));
        long took = (System.nanoTime() - started) / 1_000_000;
        problems = List.copyOf(found);
        lastRoundNames = names.size();
        lastRoundMillis = took;
        lastCheck = now;
        metrics.servedProblems(found.size());
        alert(node, found, now);
        CertgateLog.servedCheckDone(verdicts.size(), found.size(), took);
    }

    /** Until this node's gateway serves every change committed so far (or {@link #CATCH_UP} has passed). */
    private void awaitCaughtUp() {
        long committed = sequence.current();
        long end = System.nanoTime() + CATCH_UP.toNanos();
        while ((!gateway.serving() || gateway.servedGeneration() < committed) && System.nanoTime() < end) {
            pause(Duration.ofMillis(250));
        }
    }

    private ServedJudge.Verdict check(ServedHandshake client, String host, List<ServedJudge.Stored> candidates) {
        pace();
        ServedHandshake.Received received = client.fetch(host);
        return ServedJudge.judge(host, received.chain(), received.failure(), candidates, Instant.now());
    }

    /** Raises an alert for each new problem and ends those of names that are served right again. */
    private void alert(String node, List<ServedCheckView> found, Instant now) {
        Set<String> open = new HashSet<>();
        for (ServedCheckView problem : found) {
            if (problem.outcome().equals(ServedJudge.Outcome.EXPIRED.name())) {
                continue; // the stored certificate itself has ended: its expiry alert says so, once
            }
            open.add(AlertPlanner.servedKey(node, problem.host()));
            try {
                if (alerts.raiseAndSend(AlertPlanner.servedMismatch(now, node, problem.host(),
                        problem.certificateId(), problem.detail()))) {
                    CertgateLog.servedMismatch(problem.host(), problem.outcome(), problem.detail());
                }
            } catch (CertgateException | RuntimeException e) {
                CertgateLog.servedCheckFailed(e);
            }
        }
        try {
            alerts.closeAllBut(AlertPlanner.servedKey(node, ""), open);
        } catch (RuntimeException e) {
            CertgateLog.servedCheckFailed(e);
        }
    }

    /** Keeps to {@link #PER_SECOND} handshakes a second. */
    private void pace() {
        long now = System.nanoTime();
        long wait = nextSlot - now;
        if (wait > 0) {
            pause(Duration.ofNanos(wait));
        }
        nextSlot = Math.max(now, nextSlot) + 1_000_000_000L / PER_SECOND;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted (the server is stopping)", e);
        }
    }
}
