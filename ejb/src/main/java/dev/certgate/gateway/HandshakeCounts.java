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
    private final Runnable hybrid;

    HandshakeCounts(Consumer<Metrics.SniOutcome> outcomes, Runnable failures) {
        this(outcomes, failures, () -> { });
    }

    /** @param hybrid counts a finished handshake whose key exchange was the hybrid post-quantum group */
    HandshakeCounts(Consumer<Metrics.SniOutcome> outcomes, Runnable failures, Runnable hybrid) {
        this.outcomes = outcomes;
        this.failures = failures;
        this.hybrid = hybrid;
    }

    static HandshakeCounts of(Metrics metrics) {
        return new HandshakeCounts(metrics::handshake, metrics::handshakeFailed, metrics::handshakeHybrid);
    }

    /** A handshake on {@code engine} has just finished: counted when its key exchange was the hybrid group. */
    void negotiated(javax.net.ssl.SSLEngine engine) {
        if (NativeTls.HYBRID_GROUP.equals(group(engine))) {
            hybrid.run();
        }
    }

    /** The group of a finished handshake on the native engine; null on JSSE (it has no hybrid group). */
    private static String group(javax.net.ssl.SSLEngine engine) {
        return engine.getClass().getName().startsWith("io.netty.") ? NativeTls.group(engine).orElse(null) : null;
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
