package dev.certgate.alerts;

import dev.certgate.alerts.model.AlertChannel;
import dev.certgate.logging.CertgateLog;
import dev.certgate.metrics.Metrics;
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

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The alert check's timer: a non-persistent interval timer on every node, every {@code certgate.alerts.check-interval}
 * (first within a minute of the start); the check itself takes a lease row, so in a cluster one node checks and
 * sends at a time, and the raised alerts' primary key keeps any alert from being raised twice.
 */
@Singleton
@Startup
@DependsOn({"Settings", "SchemaMigrator"})
@PermitAll // internal: no remote view
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AlertTimer {

    @Resource
    private TimerService timers;

    @EJB
    private AlertCheck check;

    @EJB
    private Settings settings;

    @EJB
    private Metrics metrics;

    @PostConstruct
    void schedule() {
        metrics.prepareAlerts(Arrays.stream(AlertChannel.Kind.values())
                .map(kind -> kind.name().toLowerCase(Locale.ROOT)).toList());
        Duration interval = settings.current().alertsCheckInterval();
        long first = Math.min(interval.toMillis(), 60_000) + ThreadLocalRandom.current().nextLong(5_000);
        timers.createIntervalTimer(first, interval.toMillis(), new TimerConfig("certgate-alert-check", false));
        CertgateLog.alertTimerScheduled(Durations.format(interval));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimeout() {
        try {
            check.run();
        } catch (dev.certgate.api.CertgateException | RuntimeException e) { // a failed check must not cancel the timer; it runs again at the next tick
            CertgateLog.alertCheckFailed(e);
        }
    }
}
