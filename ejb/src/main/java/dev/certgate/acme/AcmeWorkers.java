package dev.certgate.acme;

import dev.certgate.applications.ApplicationsChanged;
import dev.certgate.gateway.CaughtUp;
import dev.certgate.logging.CertgateLog;
import dev.certgate.settings.Settings;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts ACME workers on this node when domains are due: after an application's domains changed (so saving an ACME
 * domain orders its first certificate at once), on the renewal timer, on "renew now" and after a revocation. At most
 * {@code certgate.acme.workers} run at once here; leases keep workers of all nodes off each other's domains.
 */
@Singleton
@PermitAll // internal: no remote view
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AcmeWorkers {

    @EJB
    private Settings settings;

    private final AtomicInteger running = new AtomicInteger();
    private final Object syncing = new Object();

    @EJB
    private AcmeStore store;

    @EJB
    private AcmeRunner runner;

    @EJB
    private RenewalTimer timer;

    /** Called by the container after a transaction that changed applications or domains has committed. */
    public void onApplicationsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApplicationsChanged change) {
        startDue();
    }

    /**
     * Another node changed something (an ACME certificate it stored, a domain it bound): this node's wake-up follows
     * the database's next due domain too, so that every node wakes when a renewal falls due and the lease picks one
     * (and a node whose partner died mid-order wakes when that order's lease runs out). Reads only; orders nothing.
     */
    public void onCaughtUp(@Observes CaughtUp change) {
        if (running.get() == 0) {
            try {
                wakeUpForNext();
            } catch (RuntimeException e) {
                CertgateLog.acmeDefect("(scheduling)", e);
            }
        }
    }

    /**
     * The renewal timer woke: on its regular tick every certificate's renewal window (RFC 9773) is asked for again
     * first, so that a CA's "renew now" is obeyed within one tick whatever its Retry-After said; a wake-up between
     * ticks only starts what is due.
     */
    public void tick(boolean regular) {
        if (regular) {
            try {
                store.checkEveryRenewalWindow();
            } catch (RuntimeException e) {
                CertgateLog.acmeDefect("(scheduling)", e);
            }
        }
        startDue();
    }

    /** Brings the domain states up to date and starts workers for what is due (returns at once). */
    public void startDue() {
        try {
            synchronized (syncing) {
                store.sync(); // one at a time on a node: two would insert the same new rows
            }
            int due = store.dueCount();
            while (due-- > 0) {
                int now = running.get();
                if (now >= settings.current().acmeWorkers()) {
                    break;
                }
                if (running.compareAndSet(now, now + 1)) {
                    runner.work();
                }
            }
            if (running.get() == 0) {
                wakeUpForNext();
            }
        } catch (RuntimeException e) {
            CertgateLog.acmeDefect("(scheduling)", e);
        }
    }

    /** A worker ended; when it was the last, the timer is set for the next due domain. */
    public void workerDone() {
        if (running.decrementAndGet() == 0) {
            try {
                if (store.dueCount() > 0) {
                    startDue();
                } else {
                    wakeUpForNext();
                }
            } catch (RuntimeException e) {
                CertgateLog.acmeDefect("(scheduling)", e);
            }
        }
    }

    private void wakeUpForNext() {
        store.nextDue().ifPresent(at -> timer.wakeUpAt(at.isBefore(Instant.now()) ? Instant.now().plusSeconds(1)
                : at));
    }
}
