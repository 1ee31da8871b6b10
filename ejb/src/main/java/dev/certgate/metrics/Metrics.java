package dev.certgate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every meter certgate registers, by name (Prometheus adds {@code _total} to counters and {@code _seconds} to
 * timers). Cheap on the hot paths: handshake and request counters are looked up once and then only incremented.
 * Internal: no remote view.
 * <p>
 * Every meter is registered through the registry's short forms ({@code counter(name, tags)}, {@code timer},
 * {@code gauge}), never through a builder's {@code register(registry)}: the {@code MeterRegistry} WildFly 39 gives a
 * deployment is its {@code ApplicationRegistry}, which hands only the short forms on to the server's registry (the
 * one the Prometheus scrape reads); a builder's meter would stay in the deployment's own registry and never be
 * scraped (WFLY-21339, fixed in WildFly 40). Hence no descriptions: the names are documented in
 * docs/configuration.md.
 */
@Singleton
@Startup
@PermitAll
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Metrics {

    /** How a handshake's certificate was chosen. */
    public enum SniOutcome {
        EXACT, WILDCARD, DEFAULT, REFUSED, TLS_ALPN_01
    }

    /** A stored certificate's end, for the expiry gauge. */
    public record CertificateEnd(String id, String commonName, String source, Instant notAfter) {
    }

    /** A served-certificate check's outcome (see {@code dev.certgate.served}). */
    public enum ServedOutcome {
        MATCH, MISMATCH, HANDSHAKE_FAILED, EXPIRED
    }

    static final String EXPIRY = "certgate.certificate.expiry.seconds";

    @Inject
    private MeterRegistry registry;

    private final Map<SniOutcome, Counter> handshakes = new EnumMap<>(SniOutcome.class);
    private Counter handshakeFailures;
    private Counter handshakesHybrid;
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> backendsUp = new ConcurrentHashMap<>();
    private final Map<String, Counter> renewals = new ConcurrentHashMap<>();
    private final Map<String, Counter> alerts = new ConcurrentHashMap<>();
    private final Map<ServedOutcome, Counter> servedChecks = new EnumMap<>(ServedOutcome.class);
    private final AtomicLong servedProblems = new AtomicLong();
    private Timer orderDuration;
    private Timer snapshotRebuild;
    private final AtomicLong snapshotGeneration = new AtomicLong(-1);
    private final AtomicLong snapshotCertificates = new AtomicLong();
    /** The expiry gauges' state objects by certificate id (held here: a gauge keeps only a weak reference). */
    private final Map<String, CertificateEnd> expiries = new ConcurrentHashMap<>();

    @PostConstruct
    void register() {
        for (SniOutcome outcome : SniOutcome.values()) {
            handshakes.put(outcome, registry.counter("certgate.gateway.handshakes",
                    "sni", outcome.name().toLowerCase(Locale.ROOT)));
        }
        handshakeFailures = registry.counter("certgate.gateway.handshake.failures");
        handshakesHybrid = registry.counter("certgate.gateway.handshakes.hybrid");
        for (ServedOutcome outcome : ServedOutcome.values()) {
            servedChecks.put(outcome, registry.counter("certgate.served.checks",
                    "outcome", outcome.name().toLowerCase(Locale.ROOT)));
        }
        registry.gauge("certgate.served.problems", Tags.empty(), servedProblems, AtomicLong::get);
        orderDuration = registry.timer("certgate.acme.order.duration");
        snapshotRebuild = registry.timer("certgate.gateway.snapshot.rebuild");
        registry.gauge("certgate.gateway.snapshot.generation", Tags.empty(), snapshotGeneration, AtomicLong::get);
        registry.gauge("certgate.gateway.snapshot.certificates", Tags.empty(), snapshotCertificates,
                AtomicLong::get);
    }

    /** A handshake chose its certificate this way (or was refused). */
    public void handshake(SniOutcome outcome) {
        handshakes.get(outcome).increment();
    }

    public void handshakeFailed() {
        handshakeFailures.increment();
    }

    /** A handshake finished with the hybrid post-quantum key exchange (X25519MLKEM768: the boringssl engine only). */
    public void handshakeHybrid() {
        handshakesHybrid.increment();
    }

    /**
     * A proxied request ended with {@code status} from {@code backend} (its application). The backend counts as up
     * unless the gateway answered for it that it could not be reached (502, 503, 504).
     */
    public void proxied(int status, String backend) {
        String statusClass = status < 100 || status > 599 ? "other" : (status / 100) + "xx";
        requests.computeIfAbsent(statusClass + " " + backend, k -> registry.counter("certgate.gateway.requests",
                "status", statusClass, "backend", backend)).increment();
        backendsUp.computeIfAbsent(backend, k -> {
            AtomicInteger up = new AtomicInteger(1);
            registry.gauge("certgate.gateway.backend.up", Tags.of("backend", backend), up, AtomicInteger::get);
            return up;
        }).set(status >= 502 && status <= 504 ? 0 : 1);
    }

    /**
     * Registers the renewal counters at 0 for every outcome there can be (issued, and failed by each of
     * {@code failureCauses}), so that a scrape shows them before the first order.
     */
    public void prepareRenewals(List<String> failureCauses) {
        renewal("issued", "none");
        failureCauses.forEach(cause -> renewal("failed", cause));
    }

    /** Registers the alert counters at 0 for each of {@code channelTypes}, sent and failed. */
    public void prepareAlerts(List<String> channelTypes) {
        channelTypes.forEach(type -> {
            alert(type, "sent");
            alert(type, "failed");
        });
    }

    private Counter renewal(String outcome, String cause) {
        return renewals.computeIfAbsent(outcome + " " + cause, k -> registry.counter("certgate.acme.renewals",
                "outcome", outcome, "cause", cause));
    }

    private Counter alert(String channelType, String outcome) {
        return alerts.computeIfAbsent(channelType + " " + outcome, k -> registry.counter("certgate.alerts",
                "channel", channelType, "outcome", outcome));
    }

    /** An ACME order ended: {@code outcome} issued or failed, {@code cause} the failure cause ("none" when issued). */
    public void acmeOrder(String outcome, String cause, Duration took) {
        renewal(outcome, cause).increment();
        orderDuration.record(took);
    }

    /** The gateway's snapshot was replaced. */
    public void snapshotRebuilt(long generation, int certificates, Duration took) {
        snapshotGeneration.set(generation);
        snapshotCertificates.set(certificates);
        snapshotRebuild.record(took);
    }

    /** An alert message to a channel of {@code channelType} (email, webhook) got through or failed. */
    public void alertDelivered(String channelType, boolean sent) {
        String outcome = sent ? "sent" : "failed";
        alert(channelType, outcome).increment();
    }

    /** One name's served-certificate check ended so. */
    public void servedChecked(ServedOutcome outcome) {
        servedChecks.get(outcome).increment();
    }

    /** The names the last round of the served-certificate check found a problem with. */
    public void servedProblems(int names) {
        servedProblems.set(names);
    }

    /** Replaces the expiry gauges by one per certificate in {@code ends}; each reads the clock when scraped. */
    public synchronized void certificates(List<CertificateEnd> ends) {
        Map<String, CertificateEnd> next = new HashMap<>();
        ends.forEach(end -> next.put(end.id(), end));
        // the registry is searched once, not once per gauge to remove: 10 000 certificates deleted at once took
        // over a minute the other way (a search walks every meter), holding this lock and the request behind it
        Map<String, Gauge> registered = null;
        for (Map.Entry<String, CertificateEnd> old : Map.copyOf(expiries).entrySet()) {
            CertificateEnd now = next.get(old.getKey());
            if (!old.getValue().equals(now)) {
                if (registered == null) {
                    registered = new HashMap<>();
                    for (Gauge gauge : registry.find(EXPIRY).gauges()) {
                        registered.put(gauge.getId().getTag("id"), gauge);
                    }
                }
                Gauge gauge = registered.get(old.getKey());
                if (gauge != null) {
                    registry.remove(gauge);
                }
                expiries.remove(old.getKey());
            }
        }
        for (CertificateEnd end : ends) {
            if (!expiries.containsKey(end.id())) {
                expiries.put(end.id(), end);
                registry.gauge(EXPIRY, expiryTags(end), end,
                        e -> Duration.between(Instant.now(), e.notAfter()).toSeconds());
            }
        }
    }

    private static Tags expiryTags(CertificateEnd end) {
        return Tags.of("id", end.id(), "cn", end.commonName(), "source", end.source());
    }
}
