package dev.certgate.acme;

import dev.certgate.logging.CertgateLog;
import dev.certgate.metrics.Metrics;
import dev.certgate.settings.Durations;
import dev.certgate.settings.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The ACME renewal timer: a persistent EJB timer (it survives restarts; in the HA profile WildFly's distributed timer
 * store fires each tick on one node of the cluster) every {@code certgate.acme.renewal-interval} (default
 * {@code 1h}), first at a random offset within the interval so that installations do not all ask their CA at the same
 * minute. Between ticks, each node keeps a local wake-up for the next due domain (a retry after backoff, a
 * short-lived certificate), on the managed scheduled executor: not an EJB timer, which in the HA profile lives in an
 * Infinispan cache whose locks made frequent re-arming stall the callers.
 */
@Singleton
@Startup
@DependsOn("Settings")
@PermitAll // internal: no remote view
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RenewalTimer {

    private static final String TICK = "certgate-acme-renewal";

    @Resource
    private TimerService timers;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    /** Guards the wake-up: at most one is pending on this node. */
    private final Object wakeUpLock = new Object();
    private ScheduledFuture<?> wakeUp;
    private Instant wakeUpTime;

    @EJB
    private AcmeWorkers workers;

    @EJB
    private Settings settings;

    @EJB
    private Metrics metrics;

    @PostConstruct
    void schedule() {
        metrics.prepareRenewals(Arrays.stream(FailureCause.values()).map(FailureCause::name).toList());
        Duration interval = settings.current().acmeRenewalInterval();
        for (Timer timer : timers.getTimers()) {
            Serializable info = timer.getInfo();
            if ((TICK + "/" + interval).equals(info)) {
                CertgateLog.acmeTimerScheduled(Durations.format(interval), timer.getNextTimeout().toInstant());
                return; // the persistent timer survived the restart
            }
            if (info instanceof String name && name.startsWith(TICK)) {
                timer.cancel(); // another interval was configured before
            }
        }
        long first = ThreadLocalRandom.current().nextLong(Math.max(1, interval.toMillis()));
        Timer timer = timers.createIntervalTimer(first, interval.toMillis(), new TimerConfig(TICK + "/" + interval,
                true));
        CertgateLog.acmeTimerScheduled(Durations.format(interval), timer.getNextTimeout().toInstant());
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimeout(Timer timer) {
        CertgateLog.acmeTimerFired("tick", settings.current().nodeName());
        workers.tick(true); // only the tick is an EJB timer: wake-ups are on the scheduler
    }

    /** Sets this node's one-off wake-up at {@code at} unless one is set at or before it already. */
    public void wakeUpAt(Instant at) {
        synchronized (wakeUpLock) {
            if (wakeUp != null && !wakeUp.isDone() && !wakeUpTime.isAfter(at)) {
                return;
            }
            if (wakeUp != null) {
                wakeUp.cancel(false);
            }
            long delay = Math.max(0, Duration.between(Instant.now(), at).toMillis());
            wakeUpTime = at;
            wakeUp = scheduler.schedule(() -> wokenUp(at), delay, TimeUnit.MILLISECONDS);
        }
    }

    private void wokenUp(Instant at) {
        // No longer pending once it runs: the tick below sets the next wake-up, which the check in wakeUpAt would
        // otherwise refuse as later than this running one (and then nothing woke the node before the next tick).
        synchronized (wakeUpLock) {
            if (at.equals(wakeUpTime)) {
                wakeUp = null;
                wakeUpTime = null;
            }
        }
        CertgateLog.acmeTimerFired("wake-up", settings.current().nodeName());
        workers.tick(false);
    }

    @PreDestroy
    void stopWakeUp() {
        synchronized (wakeUpLock) {
            if (wakeUp != null) {
                wakeUp.cancel(false);
            }
        }
    }
}
