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
 *   <li>Earlier when the CA's ACME Renewal Information (RFC 9773) window has opened (for instance because the CA
 *   will revoke the certificate).</li>
 *   <li>After a failure: capped exponential backoff from {@link #FIRST_RETRY}, doubling up to {@link #MAX_RETRY},
 *   never sooner than the CA's Retry-After.</li>
 * </ul>
 */
public final class RenewalPolicy {

    /** The wait after the first failure. */
    public static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    /** The longest wait between failed attempts (a CA's Retry-After may ask for longer, and is honoured). */
    public static final Duration MAX_RETRY = Duration.ofHours(6);

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
