package dev.certgate.web.session;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing on the sign-in page: after {@value #MAX_PER_USER} failures for one user name, or
 * {@value #MAX_PER_ADDRESS} from one address, within {@link #WINDOW}, further sign-ins for that name or from that
 * address are not even tried until the oldest of those failures is older than the window. A success clears the
 * name's failures. In memory, per node (a restart forgets). HTTP Basic and EJB remote are covered by Elytron's own
 * per-user brute-force protection (security.cli).
 */
@ApplicationScoped
public class SignInThrottle {

    static final int MAX_PER_USER = 5;
    static final int MAX_PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Bounds the memory an attacker can make us use with made-up names. */
    private static final int MAX_TRACKED = 50_000;

    private final Map<String, Deque<Instant>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> byAddress = new ConcurrentHashMap<>();

    /** Why a sign-in must not be tried now, in words for the user; empty when it may. */
    public Optional<String> refusal(String name, String address) {
        Instant now = Instant.now();
        Optional<Instant> userUntil = blockedUntil(byUser, key(name), MAX_PER_USER, now);
        if (userUntil.isPresent()) {
            return Optional.of("Too many failed sign-ins for this user. Try again in " + minutes(now, userUntil.get())
                    + ".");
        }
        Optional<Instant> addressUntil = blockedUntil(byAddress, address, MAX_PER_ADDRESS, now);
        return addressUntil.map(until -> "Too many failed sign-ins from your address. Try again in "
                + minutes(now, until) + ".");
    }

    public void failed(String name, String address) {
        Instant now = Instant.now();
        record(byUser, key(name), now);
        record(byAddress, address, now);
    }

    public void succeeded(String name) {
        byUser.remove(key(name));
    }

    private static String key(String name) {
        return name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private static void record(Map<String, Deque<Instant>> failures, String key, Instant now) {
        if (key == null) {
            return;
        }
        if (failures.size() > MAX_TRACKED) {
            prune(failures, now);
        }
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(now);
            while (times.size() > MAX_PER_ADDRESS) {
                times.removeFirst();
            }
        }
    }

    private static Optional<Instant> blockedUntil(Map<String, Deque<Instant>> failures, String key, int max,
                                                  Instant now) {
        Deque<Instant> times = key == null ? null : failures.get(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            times.removeIf(t -> t.plus(WINDOW).isBefore(now));
            if (times.size() < max) {
                return Optional.empty();
            }
            // blocked until the failure that made it `max` leaves the window
            Iterator<Instant> newestFirst = times.descendingIterator();
            Instant nth = null;
            for (int i = 0; i < max && newestFirst.hasNext(); i++) {
                nth = newestFirst.next();
            }
            return Optional.of(nth.plus(WINDOW));
        }
    }

    private static void prune(Map<String, Deque<Instant>> failures, Instant now) {
        failures.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().isEmpty() || e.getValue().peekLast().plus(WINDOW).isBefore(now);
            }
        });
    }

    private static String minutes(Instant now, Instant until) {
        long minutes = Math.max(1, (Duration.between(now, until).toSeconds() + 59) / 60);
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
