package dev.certgate.gateway;

import dev.certgate.certificates.CertificatesChanged;
import dev.certgate.logging.CertgateLog;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the TLS gateway for the life of the deployment and keeps its snapshot current: rebuilt once at start and
 * again after every committed certificate change, so the next handshake serves the change without a restart.
 * Handshakes read the snapshot without locks; replacing it is one atomic swap.
 */
@Singleton
@Startup
@PermitAll // internal: no remote view; the calling service checked the roles
@DependsOn({"SchemaMigrator", "Vault", "InstanceKeyCheck"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Gateway {

    private final AtomicReference<SniSnapshot> snapshot = new AtomicReference<>(SniSnapshot.empty());
    private volatile GatewayListener listener;

    @EJB
    private GatewaySnapshots snapshots;

    @PostConstruct
    void start() {
        refresh();
        GatewaySettings settings = GatewaySettings.fromSystemProperties();
        try {
            listener = GatewayListener.start(settings, new SniKeyManager(snapshot::get));
            CertgateLog.gatewayStarted(settings.bindAddress(), settings.httpsPort(), snapshot.get().certificateCount());
        } catch (Exception e) {
            // The admin pages stay usable to fix the cause (typically a port in use); the log says why.
            CertgateLog.gatewayStartFailed(settings.bindAddress(), settings.httpsPort(), e);
        }
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
        refresh();
    }

    private void refresh() {
        long started = System.nanoTime();
        SniSnapshot next = snapshots.load();
        snapshot.set(next);
        CertgateLog.snapshotReplaced(next.certificateCount(), next.nameCount(),
                (System.nanoTime() - started) / 1_000_000);
    }
}
