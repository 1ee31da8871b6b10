package dev.certgate.acme;

import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Polls an ACME resource on certgate's own schedule: fast at first (validation on a nearby CA takes milliseconds),
 * doubling up to {@link #MAX_WAIT}, never sooner than the CA's Retry-After, and never past a deadline. (acme4j's
 * own waiting sleeps 3 s whenever the CA sends no Retry-After.)
 */
public final class Polling {

    /** The first wait. */
    public static final Duration FIRST_WAIT = Duration.ofMillis(50);
    /** The longest wait between two polls, unless the CA asks for longer. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(2);

    private Polling() {
    }

    /** How long to wait before poll number {@code attempt} (1 for the first after the initial state). */
    public static Duration waitBefore(int attempt, Optional<Instant> retryAfter, Instant now) {
        Duration wait = FIRST_WAIT;
        for (int i = 1; i < attempt && wait.compareTo(MAX_WAIT) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        if (wait.compareTo(MAX_WAIT) > 0) {
            wait = MAX_WAIT;
        }
        Optional<Duration> asked = retryAfter.map(at -> Duration.between(now, at)).filter(d -> !d.isNegative());
        return asked.filter(d -> d.compareTo(FIRST_WAIT) > 0).orElse(wait);
    }

    /**
     * Fetches {@code resource} until its status is one of {@code done}.
     *
     * @param what     for the time-out message, e.g. "validation of www.example.com"
     * @return the final status
     * @throws AcmeFailureException (TIMEOUT) when the deadline passes first
     */
    public static Status until(PollableResource resource, Set<Status> done, Instant deadline, String what)
            throws AcmeException, AcmeFailureException, InterruptedException {
        Status status = resource.getStatus();
        int attempt = 1;
        Optional<Instant> retryAfter = Optional.empty();
        while (!done.contains(status)) {
            Instant now = Instant.now();
            Duration wait = waitBefore(attempt++, retryAfter, now);
            if (now.plus(wait).isAfter(deadline)) {
                throw new AcmeFailureException(Failure.of(FailureCause.TIMEOUT, "The " + what + " did not finish in "
                        + "time (still " + status + ")."));
            }
            Thread.sleep(wait.toMillis());
            retryAfter = resource.fetch();
            status = resource.getStatus();
        }
        return status;
    }
}
