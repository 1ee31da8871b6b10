package dev.certgate.acme;

import dev.certgate.logging.CertgateLog;
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
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ACME renewal timer: a persistent EJB timer (it survives restarts; with a database timer store, one node of a
 * cluster runs each tick) every {@code certgate.acme.renewal-interval} (default {@code 1h}), first at a random
 * offset within the interval so that installations do not all ask their CA at the same minute. Between ticks, a
 * non-persistent wake-up is set for the next due domain (a retry after backoff, a short-lived certificate).
 */
@Singleton
@Startup
@DependsOn("Settings")
@PermitAll // internal: no remote view
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RenewalTimer {

    private static final String TICK = "certgate-acme-renewal";
    private static final String WAKE_UP = "certgate-acme-wake-up";

    @Resource
    private TimerService timers;

    @EJB
    private AcmeWorkers workers;

    @EJB
    private Settings settings;

    @PostConstruct
    void schedule() {
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
        Serializable info = timer.getInfo();
        CertgateLog.acmeTimerFired(WAKE_UP.equals(info) ? "wake-up" : "tick", settings.current().nodeName());
        workers.startDue();
    }

    /** Sets a one-off wake-up at {@code at} unless one is set earlier already (or the next tick comes first). */
    public void wakeUpAt(Instant at) {
        for (Timer timer : timers.getTimers()) {
            try {
                if (!timer.getNextTimeout().toInstant().isAfter(at)) {
                    return;
                }
                if (WAKE_UP.equals(timer.getInfo())) {
                    timer.cancel();
                }
            } catch (RuntimeException gone) {
                // expired or cancelled in between
            }
        }
        timers.createSingleActionTimer(Date.from(at), new TimerConfig(WAKE_UP, false));
    }
}
