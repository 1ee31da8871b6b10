package dev.certgate.gateway;

import dev.certgate.applications.ApplicationsChanged;
import dev.certgate.certificates.CertificatesChanged;
import dev.certgate.logging.CertgateLog;
import dev.certgate.metrics.Metrics;
import dev.certgate.settings.Settings;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the TLS gateway for the life of the deployment and keeps its snapshot current: rebuilt once at start and
 * again after every committed certificate change, so the next handshake serves the change without a restart.
 * Handshakes read the snapshot without locks; replacing it is one atomic swap.
 */
@Singleton
@Startup
@PermitAll // internal: no remote view; the calling service checked the roles
@DependsOn({"Settings", "SchemaMigrator", "Vault", "InstanceKeyCheck"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Gateway {

    private final AtomicReference<GatewayState> state = new AtomicReference<>(GatewayState.empty());
    private volatile Proxies proxies;
    /** Opened certificates by id, reused across refreshes while their row version does not change. */
    private final Map<String, GatewaySnapshots.Opened> opened = new HashMap<>();
    private volatile GatewayListener listener;
    /** Committed changes announced so far, and how many of them the current snapshot includes (guarded by this). */
    private final AtomicLong commits = new AtomicLong();
    private long refreshedUpTo;
    /** The change generation (see {@link ChangeSequence}) the current snapshot includes at least. */
    private volatile long servedGeneration = -1;

    @EJB
    private GatewaySnapshots snapshots;

    @Inject
    private Event<CaughtUp> caughtUp;

    @EJB
    private Settings settings;

    @EJB
    private ChangeSequence sequence;

    @EJB
    private Metrics metrics;

    @PostConstruct
    void start() {
        GatewaySettings gateway = GatewaySettings.of(settings.current());
        proxies = new Proxies(gateway.proxyConnectTimeout(), gateway.proxyReadTimeout());
        refresh();
        try {
            GatewayHandler handler = new GatewayHandler(state::get, proxies,
                    token -> state.get().challenges().http01(token, Instant.now()), gateway.httpsPort(),
                    metrics::proxied);
            listener = GatewayListener.start(gateway, () -> state.get().certificates(),
                    domain -> state.get().challenges().tlsAlpn01(domain, Instant.now()), handler,
                    HandshakeCounts.of(metrics));
            CertgateLog.gatewayStarted(gateway.bindAddress(), gateway.httpsPort(),
                    state.get().certificates().certificateCount());
        } catch (Exception e) {
            // The admin pages stay usable to fix the cause (typically a port in use); the log says why.
            CertgateLog.gatewayStartFailed(gateway.bindAddress(), gateway.httpsPort(), e);
        }
    }

    /** Whether the gateway listens with a loaded snapshot (the readiness check). */
    public boolean serving() {
        return listener != null && servedGeneration >= 0;
    }

    /**
     * Whether the gateway's worker threads take a task within {@code timeoutMillis} (the liveness check); true when
     * the gateway is not running at all (nothing is stuck then: readiness says it does not serve).
     */
    public boolean responsive(long timeoutMillis) {
        GatewayListener running = listener;
        return running == null || running.responsive(timeoutMillis);
    }

    @PreDestroy
    void stop() {
        GatewayListener running = listener;
        if (running != null) {
            running.stop();
            listener = null;
            CertgateLog.gatewayStopped();
        }
    }

    /** Called by the container after a transaction that changed certificates has committed. */
    public void onCertificatesChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CertificatesChanged change) {
        refreshAfterCommit();
    }

    /**
     * Called by the container after a transaction that published an ACME challenge has committed: before the
     * publishing call returns, this node answers it.
     */
    public void onChallengesChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChallengesChanged change) {
        refreshAfterCommit();
    }

    /** Called by the container after a transaction that changed applications or domains has committed. */
    public void onApplicationsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApplicationsChanged change) {
        refreshAfterCommit();
    }

    /**
     * The change generation the served snapshot includes at least: read before the snapshot was loaded, so every
     * change up to it is served (-1 before the first load).
     */
    public long servedGeneration() {
        return servedGeneration;
    }

    /**
     * Brings the snapshot up to {@code generation} (a change committed by another node, or missed): returns at once
     * when it is served already, else once a refresh that began after this call has replaced the snapshot.
     */
    public void catchUp(long generation) {
        if (servedGeneration >= generation) {
            return;
        }
        refreshAfterCommit();
        caughtUp.fire(new CaughtUp(servedGeneration));
    }

    /**
     * Returns once the snapshot includes the caller's committed change, so the next handshake sees it when the
     * service call returns. Commits that arrive while a refresh runs share the next one (one pass over the
     * database for many concurrent imports, not one each): a refresh that started after a commit covers it.
     */
    private void refreshAfterCommit() {
        long mine = commits.incrementAndGet();
        synchronized (this) {
            if (refreshedUpTo >= mine) {
                return; // a refresh that began after this commit has already replaced the snapshot
            }
            long upTo = commits.get();
            refresh();
            refreshedUpTo = upTo;
        }
    }

    private synchronized void refresh() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long started = System.nanoTime();
        long cpuStarted = threads.getCurrentThreadCpuTime();
        // The generation first, in its own transaction: the snapshot loaded after it includes at least every change
        // up to it (a change committed in between is served too, and only makes the next poll refresh once more).
        long generation = sequence.current();
        GatewayState next = snapshots.load(opened);
        state.set(next);
        servedGeneration = generation;
        proxies.retainOnly(next.routes().all());
        long cpu = cpuStarted < 0 ? -1 : (threads.getCurrentThreadCpuTime() - cpuStarted) / 1_000_000;
        long took = System.nanoTime() - started;
        CertgateLog.snapshotReplaced(next.certificates().certificateCount(), next.certificates().nameCount(),
                took / 1_000_000, cpu, generation);
        metrics.snapshotRebuilt(generation, next.certificates().certificateCount(), java.time.Duration.ofNanos(took));
    }
}
