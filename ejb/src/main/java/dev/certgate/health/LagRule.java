package dev.certgate.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The "not lagging" part of readiness: a node whose gateway serves an older change generation than the latest
 * committed one is still ready while it catches up, and not ready once the change it was first seen missing has
 * stayed unserved for longer than the grace period ({@code certgate.cluster.ready-lag}). The time counts from the
 * first look that found it behind (the looks are the readiness probes); a node that served that change meanwhile but
 * is behind again on a newer one starts a new count, so a busy node that keeps up is never reported. Thread-safe.
 */
public final class LagRule {

    /** What one look found: whether the node is ready as far as lag goes, and what {@code /health/ready} says. */
    public record Verdict(boolean ready, String data) {
        public Verdict {
            Objects.requireNonNull(data, "data");
        }
    }

    private final Duration grace;
    private final Clock clock;
    /** The latest generation seen when the node was first found behind it; -1 while it is caught up. */
    private long missing = -1;
    private Instant behindSince;

    /**
     * @param grace how long the node may stay behind and still be ready
     * @param clock the clock the time behind is measured with
     */
    LagRule(Duration grace, Clock clock) {
        this.grace = Objects.requireNonNull(grace, "grace");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("a negative grace period: " + grace);
        }
    }

    /**
     * One look: the gateway serves {@code served}, the latest committed generation is {@code latest}.
     */
    public synchronized Verdict look(long served, long latest) {
        if (served >= latest) {
            missing = -1;
            behindSince = null;
            return new Verdict(true, "caught up: serves generation " + served);
        }
        Instant now = clock.instant();
        if (missing < 0 || served >= missing) {
            missing = latest; // newly behind, or behind again on a newer change after serving the one it missed
            behindSince = now;
        }
        Duration behind = Duration.between(behindSince, now);
        boolean ready = behind.compareTo(grace) <= 0;
        return new Verdict(ready, (ready ? "catching up" : "lagging") + ": serves generation " + served
                + ", latest " + latest + ", for " + behind.toSeconds() + " s");
    }
}
