package dev.certgate.gateway;

import dev.certgate.api.HostName;
import dev.certgate.core.sni.ServedCertificate;
import dev.certgate.metrics.Metrics;

import java.util.function.Consumer;

/**
 * Where the TLS side of the gateway counts its handshakes (the metrics), without knowing the registry: how each
 * certificate was chosen, the refusals, the TLS-ALPN-01 validations and the handshakes that did not finish.
 */
final class HandshakeCounts {

    /** Counts nothing (unit tests, benchmarks). */
    static final HandshakeCounts NONE = new HandshakeCounts(outcome -> { }, () -> { });

    private final Consumer<Metrics.SniOutcome> outcomes;
    private final Runnable failures;

    HandshakeCounts(Consumer<Metrics.SniOutcome> outcomes, Runnable failures) {
        this.outcomes = outcomes;
        this.failures = failures;
    }

    static HandshakeCounts of(Metrics metrics) {
        return new HandshakeCounts(metrics::handshake, metrics::handshakeFailed);
    }

    void count(Metrics.SniOutcome outcome) {
        outcomes.accept(outcome);
    }

    void failed() {
        failures.run();
    }

    /** How {@code chosen} was found for {@code host} (null: no SNI, or a name that is no host name). */
    static Metrics.SniOutcome outcome(HostName host, ServedCertificate chosen) {
        if (host == null) {
            return Metrics.SniOutcome.DEFAULT;
        }
        if (chosen.hostNames().contains(host.toString())) {
            return Metrics.SniOutcome.EXACT;
        }
        return host.isCoveredBy(chosen.hostNames()) ? Metrics.SniOutcome.WILDCARD : Metrics.SniOutcome.DEFAULT;
    }
}
