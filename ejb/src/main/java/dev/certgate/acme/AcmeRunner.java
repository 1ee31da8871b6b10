package dev.certgate.acme;

import dev.certgate.acme.dns.Dns01Publisher;
import dev.certgate.acme.dns.Dns01Publishers;
import dev.certgate.acme.dns.DnsUpdateException;
import dev.certgate.api.ChallengeType;
import dev.certgate.api.HostName;
import dev.certgate.api.PreflightCheck;
import dev.certgate.api.PreflightOutcome;
import dev.certgate.api.PreflightReport;
import dev.certgate.core.pki.KeySpec;
import dev.certgate.gateway.ChallengeStore;
import dev.certgate.logging.CertgateLog;
import dev.certgate.metrics.Metrics;
import dev.certgate.settings.CertgateSettings;
import dev.certgate.settings.Settings;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs ACME orders in the background: a worker leases the next due domain, orders its certificate (network, no
 * transaction), stores the outcome, and goes on until nothing is due. How many workers run at once on a node is
 * {@link AcmeWorkers}'s business.
 */
@Stateless
@PermitAll // internal: no remote view
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AcmeRunner {

    /** This JVM's random part of its name on leases (two servers may share a node name). */
    private static final String INSTANCE = UUID.randomUUID().toString().substring(0, 8);

    /** How long a published challenge answer stays answerable at most. */
    private static final Duration ANSWER_LIFETIME = Duration.ofMinutes(10);

    /**
     * How long an order waits, after publishing a challenge, for every other live node to serve it: they catch up
     * within a second or two (the cluster message, else their once-a-second poll, then their heartbeat).
     */
    private static final Duration SERVED_EVERYWHERE_WITHIN = Duration.ofSeconds(5);

    @EJB
    private AcmeStore store;

    @EJB
    private ChallengeStore challenges;

    @EJB
    private AcmeWorkers workers;

    @EJB
    private Settings settings;

    @EJB
    private Preflight preflight;

    @EJB
    private Metrics metrics;

    /** This JVM's name on leases: the node name plus a random part. */
    private String owner() {
        return settings.current().nodeName() + "/" + INSTANCE;
    }

    /** One worker: orders for due domains, one after the other, until none is left. */
    @Asynchronous
    public void work() {
        try {
            String owner = owner();
            for (Optional<AcmeStore.Job> job = store.leaseNextDue(owner); job.isPresent();
                 job = store.leaseNextDue(owner)) {
                run(job.get());
            }
        } catch (RuntimeException e) {
            CertgateLog.acmeDefect("(worker)", e);
        } finally {
            workers.workerDone();
        }
    }

    private void run(AcmeStore.Job job) {
        long started = System.nanoTime();
        String context = "Ordering a certificate for " + job.domain();
        try {
            AcmeStore.AccountAccess account = store.accountAccess().orElseThrow(() -> new AcmeFailureException(
                    Failure.of(FailureCause.CONFIGURATION, "No ACME account is configured: an admin sets one up "
                            + "with PUT /api/v1/acme/account.")));
            context += " from " + account.directoryUrl();
            checkBeforeFirstOrder(job);
            Session session = AcmeConnections.open(account.directoryUrl(),
                    settings.now(CertgateSettings.ACME_TRUST_FILE));
            account = PendingAccountKey.resolve(store, session, account); // a rollover that did not finish
            Login login = session.login(URI.create(account.accountUrl()).toURL(), account.keyPair());
            if (job.task() == AcmeStore.Task.RENEWAL_INFO) {
                lookAtRenewalWindow(job, login);
                return;
            }
            Optional<Dns01Publisher> dns = job.challenge() == ChallengeType.DNS_01 ? dnsPublisher() : Optional.empty();
            AcmeOrderFlow.Issued issued;
            try {
                issued = AcmeOrderFlow.order(login, job.domain(), job.challenge(), KeySpec.forType(job.keyType()),
                        new Responder(challenges), dns, job.profile(), job.current());
            } catch (org.shredzone.acme4j.exception.AcmeServerException e) {
                if (!AccountRecovery.isForgotten(e)) {
                    throw e;
                }
                // The CA forgot the account: register it again (audited, alerted) and order again at once.
                login = registerAgain(session, account);
                issued = AcmeOrderFlow.order(login, job.domain(), job.challenge(), KeySpec.forType(job.keyType()),
                        new Responder(challenges), dns, job.profile(), job.current());
            }
            Optional<String> id = store.issued(job, owner(), issued);
            metrics.acmeOrder("issued", "none", Duration.ofNanos(System.nanoTime() - started));
            if (id.isPresent()) {
                CertgateLog.acmeIssued(job.domain(), id.get(), issued.chain().get(0).getNotAfter().toInstant(),
                        (System.nanoTime() - started) / 1_000_000);
            } else {
                CertgateLog.acmeDiscarded(job.domain());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(job, Failure.of(FailureCause.TIMEOUT, context + ": interrupted (the server is stopping)."), started);
        } catch (Exception e) {
            Failure failure = Failure.classify(e, context);
            if (failure.cause() == FailureCause.INTERNAL) {
                CertgateLog.acmeDefect(job.domain(), e);
            }
            fail(job, failure, started);
        }
    }

    /**
     * Asks the CA for the renewal window of the certificate served (RFC 9773) and keeps it; when the window says
     * "renew now" (or has opened and the moment drawn inside it has come), the domain is due at once and this worker
     * orders it next.
     */
    private void lookAtRenewalWindow(AcmeStore.Job job, Login login) {
        boolean offered;
        try {
            offered = AcmeOrderFlow.offersRenewalInfo(login);
        } catch (org.shredzone.acme4j.exception.AcmeException | RuntimeException e) {
            // the CA's directory cannot be read now: ARI is advice, so no failure is recorded; asked again later
            store.renewalInfoRead(job, owner(), Optional.empty(), true);
            return;
        }
        Optional<AcmeOrderFlow.Ari> ari = job.current().flatMap(c -> offered ? AcmeOrderFlow.renewalInfo(login, c)
                : Optional.empty());
        boolean due = store.renewalInfoRead(job, owner(), ari, offered);
        ari.ifPresent(a -> CertgateLog.acmeRenewalWindow(job.domain(), a.window().start(), a.window().end(), due));
    }

    /**
     * Registers the account again at a CA that forgot it (the contact, key type and EAB key stored; the terms
     * agreed before), keeps it, and logs in with it.
     */
    private Login registerAgain(Session session, AcmeStore.AccountAccess forgotten) throws Exception {
        AcmeStore.Recovery recovery = store.recovery().orElseThrow(() -> new AcmeFailureException(Failure.of(
                FailureCause.ACCOUNT, "The CA no longer knows the ACME account " + forgotten.accountUrl()
                        + ", which is deactivated here: an admin saves a new account.")));
        AccountRecovery.Registered registered = AccountRecovery.register(session, recovery);
        store.reregistered(forgotten.accountUrl(), registered.accountUrl(), registered.status(), registered.key());
        CertgateLog.acmeAccountReregistered(forgotten.directoryUrl(), forgotten.accountUrl(),
                registered.accountUrl());
        return session.login(URI.create(registered.accountUrl()).toURL(), registered.key());
    }

    /**
     * The pre-flight check of a domain that has no certificate yet (its first order, or a retry of it), unless
     * {@code certgate.acme.preflight.before-first-order} is false: a failed check is this attempt's failure, and
     * nothing is sent to the CA (a failed validation counts against the CA's limits; a failed check does not).
     */
    private void checkBeforeFirstOrder(AcmeStore.Job job) throws AcmeFailureException {
        if (job.certificateId().isPresent()
                || "false".equals(settings.now(CertgateSettings.ACME_PREFLIGHT_BEFORE_FIRST_ORDER).orElse("true"))) {
            return;
        }
        PreflightReport report = preflight.run(HostName.of(job.domain()), job.challenge(), true);
        if (!report.ready()) {
            PreflightCheck first = report.findings().stream().filter(f -> f.outcome() == PreflightOutcome.FAILED)
                    .findFirst().orElseThrow().check();
            FailureCause cause = first == PreflightCheck.HTTP_01 || first == PreflightCheck.TLS_ALPN_01
                    ? FailureCause.CONNECTION : FailureCause.DNS;
            throw new AcmeFailureException(Failure.of(cause, "The pre-flight check before the first order failed, "
                    + "so nothing was sent to the CA: " + report.failures()));
        }
    }

    private void fail(AcmeStore.Job job, Failure failure, long started) {
        metrics.acmeOrder("failed", failure.cause().name(), Duration.ofNanos(System.nanoTime() - started));
        Instant retryAt = store.failed(job, owner(), failure);
        CertgateLog.acmeFailed(job.domain(), failure.cause().name(), failure.message(), retryAt);
    }

    /** The DNS-01 provider as the settings say now (read at each order, so an operator may change it). */
    private Optional<Dns01Publisher> dnsPublisher() throws DnsUpdateException {
        try {
            return Dns01Publishers.from(settings.live());
        } catch (UnsupportedOperationException e) {
            return Optional.empty(); // no provider built into this version
        }
    }

    /** Publishes challenge answers in the database, where the gateway of every node finds them. */
    private record Responder(ChallengeStore store) implements ChallengeResponder {

        @Override
        public void publish(ChallengeType type, String token, HostName domain, String keyAuthorization) {
            long[] generation = new long[1];
            retried(() -> generation[0] = store.publish(type, token, domain, keyAuthorization,
                    Instant.now().plus(ANSWER_LIFETIME)));
            // this node answers once publish returns; the CA may reach any node, so wait for the others too
            store.awaitServed(generation[0], SERVED_EVERYWHERE_WITHIN);
        }

        @Override
        public void withdraw(String token) {
            retried(() -> store.withdraw(token));
        }

        /**
         * Runs a challenge store write, again when it fails: with several orders at once, MariaDB may pick one of
         * two concurrent deletes (the store also purges expired rows) as a deadlock victim.
         */
        private static void retried(Runnable write) {
            for (int attempt = 1; ; attempt++) {
                try {
                    write.run();
                    return;
                } catch (jakarta.ejb.EJBException | jakarta.persistence.PersistenceException e) {
                    if (attempt == 3) {
                        throw e;
                    }
                    try {
                        Thread.sleep(20L * attempt);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }
    }
}
