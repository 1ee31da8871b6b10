package dev.certgate.acme;

import dev.certgate.logging.CertgateLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
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
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ACME renewal timer: a persistent EJB timer (it survives restarts; with a database timer store, one node of a
 * cluster runs each tick) every {@value #INTERVAL_PROPERTY} (ISO-8601, default {@code PT1H}), first at a random
 * offset within the interval so that installations do not all ask their CA at the same minute. Between ticks, a
 * non-persistent wake-up is set for the next due domain (a retry after backoff, a short-lived certificate).
 */
@Singleton
@Startup
@PermitAll // internal: no remote view
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RenewalTimer {

    /** System property: the interval of the renewal timer, ISO-8601 ({@code PT1H}, {@code PT15M}). */
    public static final String INTERVAL_PROPERTY = "certgate.acme.renewal-interval";

    static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    static final Duration SHORTEST_INTERVAL = Duration.ofSeconds(10);

    private static final String TICK = "certgate-acme-renewal";
    private static final String WAKE_UP = "certgate-acme-wake-up";

    @Resource
    private TimerService timers;

    @EJB
    private AcmeWorkers workers;

    @PostConstruct
    void schedule() {
        Duration interval = interval();
        for (Timer timer : timers.getTimers()) {
            Serializable info = timer.getInfo();
            if ((TICK + "/" + interval).equals(info)) {
                CertgateLog.acmeTimerScheduled(interval, timer.getNextTimeout().toInstant());
                return; // the persistent timer survived the restart
            }
            if (info instanceof String name && name.startsWith(TICK)) {
                timer.cancel(); // another interval was configured before
            }
        }
        long first = ThreadLocalRandom.current().nextLong(Math.max(1, interval.toMillis()));
        Timer timer = timers.createIntervalTimer(first, interval.toMillis(), new TimerConfig(TICK + "/" + interval,
                true));
        CertgateLog.acmeTimerScheduled(interval, timer.getNextTimeout().toInstant());
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimeout(Timer timer) {
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

    static Duration interval() {
        String configured = System.getProperty(INTERVAL_PROPERTY);
        Duration interval = interval(configured);
        if (configured != null && !configured.isBlank() && !accepted(configured)) {
            CertgateLog.acmeTimerIntervalRefused(INTERVAL_PROPERTY, configured, interval);
        }
        return interval;
    }

    private static boolean accepted(String configured) {
        try {
            return Duration.parse(configured.strip()).compareTo(SHORTEST_INTERVAL) >= 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * The timer's interval for a configured value: an ISO-8601 duration, at least {@link #SHORTEST_INTERVAL};
     * {@link #DEFAULT_INTERVAL} for none or one that is not a duration, the shortest for one below it.
     */
    static Duration interval(String configured) {
        if (configured == null || configured.isBlank()) {
            return DEFAULT_INTERVAL;
        }
        try {
            Duration interval = Duration.parse(configured.strip());
            return interval.compareTo(SHORTEST_INTERVAL) < 0 ? SHORTEST_INTERVAL : interval;
        } catch (DateTimeParseException e) {
            return DEFAULT_INTERVAL;
        }
    }
}
