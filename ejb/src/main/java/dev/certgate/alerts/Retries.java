package dev.certgate.alerts;

import java.time.Duration;

/** Attempts with a doubling backoff, bounded: at most {@code attempts} tries, the waits between them doubling. */
final class Retries {

    /** One try: its outcome, and whether trying again may help. */
    record Try(boolean sent, boolean retryable, String detail) {
    }

    @FunctionalInterface
    interface Attempt {
        Try run();
    }

    private Retries() {
    }

    static Sent run(int attempts, Duration backoff, Attempt attempt) {
        Duration wait = backoff;
        Try last = null;
        for (int n = 1; n <= attempts; n++) {
            last = attempt.run();
            if (last.sent() || !last.retryable() || n == attempts) {
                return new Sent(last.sent(), n, last.detail());
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Sent(false, n, last.detail() + " (interrupted before the next attempt)");
            }
            wait = wait.multipliedBy(2);
        }
        throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
    }
}
