package dev.certgate.gateway;

import dev.certgate.logging.CertgateLog;
import org.xnio.StreamConnection;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the gateway's open connections, overall and per client address, and refuses one more than a cap allows:
 * such a connection is closed as soon as it is accepted, before any TLS or HTTP work. A cap being hit is logged once
 * per burst (then at most once a minute, with how many were refused meanwhile), never once per connection: under
 * attack, one line per refused connection would be the attack's amplifier.
 * <p>
 * Thread-safe: connections are admitted and released on the I/O threads of both gateway ports at once.
 */
final class ConnectionLimits {

    /** Refusals within this time of the last message about the same cap add to a count instead of a line. */
    static final long QUIET_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int maxConnections;
    private final int maxPerAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();
    private final Burst overallBurst = new Burst();
    private final Burst addressBurst = new Burst();

    ConnectionLimits(int maxConnections, int maxPerAddress) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
    }

    /**
     * Whether {@code connection} may stay open. When it may, it counts until it closes (a close listener releases
     * it); when it may not, the caller closes it.
     */
    boolean admit(StreamConnection connection) {
        InetAddress address = address(connection.getPeerAddress());
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            long before = overallBurst.refused();
            if (before >= 0) {
                CertgateLog.gatewayConnectionCapReached(maxConnections, before);
            }
            return false;
        }
        boolean[] admitted = {false};
        byAddress.compute(address, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerAddress) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            open.decrementAndGet();
            long before = addressBurst.refused();
            if (before >= 0) {
                CertgateLog.gatewayAddressCapReached(address.getHostAddress(), maxPerAddress, before);
            }
            return false;
        }
        connection.setCloseListener(closed -> release(address));
        return true;
    }

    private void release(InetAddress address) {
        byAddress.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
        open.decrementAndGet();
    }

    /** Open connections now. */
    int open() {
        return open.get();
    }

    /** Open connections from {@code address} now. */
    int openFrom(InetAddress address) {
        return byAddress.getOrDefault(address, 0);
    }

    private static InetAddress address(SocketAddress peer) {
        if (peer instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        return InetAddress.getLoopbackAddress(); // not a TCP peer (never on the gateway's ports): counted together
    }

    /** Refusals of one cap, and when the last one was logged. */
    private static final class Burst {
        private long lastLogged;
        private boolean logged;
        private long unlogged;

        /**
         * Counts one refusal: returns how many went unlogged before it when this one is to be logged, else -1.
         */
        synchronized long refused() {
            long now = System.nanoTime();
            if (logged && now - lastLogged < QUIET_NANOS) {
                unlogged++;
                return -1;
            }
            long before = unlogged;
            unlogged = 0;
            logged = true;
            lastLogged = now;
            return before;
        }
    }
}
