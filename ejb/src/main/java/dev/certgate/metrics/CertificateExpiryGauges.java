package dev.certgate.metrics;

import dev.certgate.certificates.CertificateDirectory;
import dev.certgate.certificates.CertificatesChanged;
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
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps one expiry gauge per stored certificate ({@code certgate_certificate_expiry_seconds{id, cn, source}}): the
 * list is read again after each committed change of certificates on this node and every minute (changes made through
 * another node); each gauge reads the clock when it is scraped.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrator", "Metrics"})
@PermitAll // internal: no remote view
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// never in the caller's transaction: after a change it has committed already (CertificateDirectory reads in its own)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CertificateExpiryGauges {

    static final Duration REFRESH = Duration.ofMinutes(1);
    /** Far enough to include every certificate. */
    private static final Duration ALL = Duration.ofDays(365L * 200);

    @Resource
    private TimerService timers;

    @EJB
    private CertificateDirectory certificates;

    @EJB
    private Metrics metrics;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(REFRESH.toMillis(), REFRESH.toMillis(),
                new TimerConfig("certgate-expiry-gauges", false));
        refresh();
    }

    /** After a committed change of certificates on this node. */
    public void onCertificatesChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CertificatesChanged change) {
        refresh();
    }

    @Timeout
    void onTimeout() {
        refresh();
    }

    private synchronized void refresh() {
        metrics.certificates(certificates.endingBefore(Instant.now().plus(ALL)).stream()
                .map(e -> new Metrics.CertificateEnd(e.id(), e.commonName(), e.source().name(), e.notAfter()))
                .toList());
    }
}
