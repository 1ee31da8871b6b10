package dev.certgate.core.renewal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When an ACME certificate is renewed, and when a failed attempt is tried again. Pure: no clock of its own, no I/O.
 * <ul>
 *   <li>Renew when a third of the lifetime is left: a 90-day certificate at 30 days, a 6-day one at 2 days, a
 *   2-minute test certificate at 40 seconds. A fixed window (Janusec's 30 days) breaks short-lived certificates.</li>
 *   <li>With the CA's ACME Renewal Information (RFC 9773): at a random moment inside its suggested window (so that
 *   a CA's customers do not all come at once), and at once when the window lies in the past (the CA says "renew
 *   now", e.g. before a mass revocation). The window is asked for again when the CA's Retry-After says, within
 *   {@link #MIN_ARI_CHECK} and {@link #MAX_ARI_CHECK}, {@link #DEFAULT_ARI_CHECK} when it sends none.</li>
 *   <li>After a failure: capped exponential backoff from {@link #FIRST_RETRY}, doubling up to {@link #MAX_RETRY},
 *   never sooner than the CA's Retry-After.</li>
 * </ul>
 */
public final class RenewalPolicy {

    /** The wait after the first failure. */
    public static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    /** The longest wait between failed attempts (a CA's Retry-After may ask for longer, and is honoured). */
    public static final Duration MAX_RETRY = Duration.ofHours(6);

    /** The shortest wait before the renewal window is asked for again, whatever the CA's Retry-After. */
    public static final Duration MIN_ARI_CHECK = Duration.ofSeconds(10);
    /** The longest wait before the renewal window is asked for again (RFC 9773 suggests a day at most). */
    public static final Duration MAX_ARI_CHECK = Duration.ofHours(24);
    /** The wait before the renewal window is asked for again when the CA sends no Retry-After. */
    public static final Duration DEFAULT_ARI_CHECK = Duration.ofHours(6);

    private RenewalPolicy() {
    }

    /**
     * The suggested renewal window of RFC 9773.
     *
     * @param start the window opens
     * @param end   the window closes (renewal is overdue after it)
     */
    public record AriWindow(Instant start, Instant end) {
        public AriWindow {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (end.isBefore(start)) {
                throw new IllegalArgumentException("an ARI window ends after it starts");
            }
        }
    }

    /** When a third of the lifetime {@code notBefore}–{@code notAfter} is left. */
    public static Instant thirdLeft(Instant notBefore, Instant notAfter) {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (!notAfter.isAfter(notBefore)) {
            return notAfter; // nonsense validity: due at once
        }
        Duration lifetime = Duration.between(notBefore, notAfter);
        return notAfter.minus(lifetime.dividedBy(3));
    }

    /**
     * When the certificate should be renewed: a third of its lifetime before its end, or when the CA's ARI window
     * opens if that is earlier.
     */
    public static Instant renewAt(Instant notBefore, Instant notAfter, Optional<AriWindow> ari) {
        Instant byLifetime = thirdLeft(notBefore, notAfter);
        return ari.map(AriWindow::start).filter(start -> start.isBefore(byLifetime)).orElse(byLifetime);
    }

    /**
     * When to renew: a random moment inside the CA's window (from {@code now} on when the window has opened; now
     * when it has closed), else when a third of the lifetime is left. A window that opens only after the
     * certificate's end is nonsense and ignored.
     *
     * @param fraction where in the window, from 0 (its start) to 1 (its end): the caller's random number
     */
    public static Instant renewAt(Instant now, Instant notBefore, Instant notAfter, Optional<AriWindow> ari,
                                  double fraction) {
        Objects.requireNonNull(now, "now");
        if (fraction < 0 || fraction > 1 || Double.isNaN(fraction)) {
            throw new IllegalArgumentException("fraction must be within 0..1, not " + fraction);
        }
        Optional<AriWindow> window = ari.filter(w -> w.start().isBefore(notAfter));
        if (window.isEmpty()) {
            return thirdLeft(notBefore, notAfter);
        }
        Instant from = window.get().start().isAfter(now) ? window.get().start() : now;
        Instant to = window.get().end();
        if (!to.isAfter(from)) {
            return now; // the window has closed: renew now
        }
        long span = Duration.between(from, to).toMillis();
        return from.plusMillis((long) (span * fraction));
    }

    /**
     * When to ask for the renewal window again: the CA's Retry-After, kept within {@link #MIN_ARI_CHECK} and
     * {@link #MAX_ARI_CHECK} from now; {@link #DEFAULT_ARI_CHECK} from now without one.
     */
    public static Instant nextAriCheck(Instant now, Optional<Instant> retryAfter) {
        Objects.requireNonNull(now, "now");
        Instant at = retryAfter.orElse(now.plus(DEFAULT_ARI_CHECK));
        Instant earliest = now.plus(MIN_ARI_CHECK);
        Instant latest = now.plus(MAX_ARI_CHECK);
        return at.isBefore(earliest) ? earliest : at.isAfter(latest) ? latest : at;
    }

    /** Whether the certificate is due for renewal at {@code now}. */
    public static boolean isDue(Instant now, Instant notBefore, Instant notAfter, Optional<AriWindow> ari) {
        return !now.isBefore(renewAt(notBefore, notAfter, ari));
    }

    /**
     * When to try again after {@code failures} failed attempts in a row (1 after the first).
     *
     * @param retryAfter the CA's Retry-After of the last failure, if any: never earlier than that
     */
    public static Instant retryAt(Instant now, int failures, Optional<Instant> retryAfter) {
        Objects.requireNonNull(now, "now");
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, not " + failures);
        }
        Duration wait = FIRST_RETRY;
        for (int i = 1; i < failures && wait.compareTo(MAX_RETRY) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        if (wait.compareTo(MAX_RETRY) > 0) {
            wait = MAX_RETRY;
        }
        Instant backoff = now.plus(wait);
        return retryAfter.filter(backoff::isBefore).orElse(backoff);
    }
}
