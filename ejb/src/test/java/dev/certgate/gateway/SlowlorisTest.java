package dev.certgate.gateway;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A slowloris attack on the real gateway listener (loopback, both ports): 600 connections from 127.0.0.1 that
 * trickle a byte every 500 ms and never finish — 300 TLS connections inside their ClientHello, 300 HTTP connections
 * inside their request header, each one the gateway closes opened again for 10 s — while a normal client on
 * 127.0.0.2 does full TLS handshakes and requests in a loop.
 * The normal client must never fail, and every slow connection must be closed by its deadline (3 s here; the
 * defaults are 10 s and 15 s). The figures go to {@code target/slowloris.txt} (docs/hardening.md quotes a run).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TlsEngine.class)
class SlowlorisTest {

    /** Each test runs on each TLS engine. */
    @Parameter
    TlsEngine engine;

    private static final int SLOW_TLS = 300;
    private static final int SLOW_HTTP = 300;
    /**
     * The handshake and request header deadline here. Not shorter: the normal client's own full handshake must fit
     * in it on a loaded two-core machine (at 2 s, one in a few runs did not, with load averages above 20).
     */
    private static final Duration DEADLINE = Duration.ofSeconds(3);
    private static final long DRIP_MILLIS = 500;
    /** For this long, every slow connection the gateway closes is opened again (as slowloris does). */
    private static final long ATTACK_MILLIS = 10_000;
    /** Then the attack ends when every slow connection is closed, or after this (then the test fails). */
    private static final long ATTACK_LIMIT_MILLIS = 40_000;

    @Test
    void slowConnectionsAreClosedByTheDeadlinesWhileANormalClientIsServed() throws Exception {
        GatewayLimits limits = GatewayLimits.defaults().withDeadlines(DEADLINE, DEADLINE, Duration.ofSeconds(30))
                .withConnections(5_000, 2_000); // the deadlines are under test here, not the caps
        try (TestGateway gateway = TestGateway.start(engine, limits, TestGateway.HELLO);
             Selector selector = Selector.open()) {
            // warm up: the first handshakes of a JVM are slow (class loading, JIT)
            for (int i = 0; i < 20; i++) {
                assertTrue(gateway.httpsGet(TestGateway.OTHER_CLIENT).endsWith("hello"));
            }
            long quietStart = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                assertTrue(gateway.httpsGet(TestGateway.OTHER_CLIENT).endsWith("hello"));
            }
            double quietRate = 20 * 1e9 / (System.nanoTime() - quietStart);
            List<Slow> slow = new ArrayList<>();
            long attackStart = System.nanoTime();
            byte[] tlsStart = {0x16, 0x03, 0x01, 0x02, 0x00}; // a record header announcing a 512-byte ClientHello
            byte[] httpStart = ("GET / HTTP/1.1\r\nHost: " + TestGateway.HOST + "\r\nX-Slow: ")
                    .getBytes(StandardCharsets.US_ASCII);
            InetSocketAddress tlsPort = new InetSocketAddress(TestGateway.LOOPBACK, gateway.httpsPort);
            InetSocketAddress httpPort = new InetSocketAddress(TestGateway.LOOPBACK, gateway.httpPort);
            for (int i = 0; i < SLOW_TLS + SLOW_HTTP; i++) {
                boolean tls = i % 2 == 0;
                slow.add(Slow.open(selector, tls ? tlsPort : httpPort, tls ? tlsStart : httpStart, tls));
            }
            long opened = (System.nanoTime() - attackStart) / 1_000_000;

            AtomicBoolean attacking = new AtomicBoolean(true);
            AtomicInteger served = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread normal = new Thread(() -> {
                while (attacking.get()) {
                    long started = System.nanoTime();
                    try {
                        String answer = gateway.httpsGet(TestGateway.OTHER_CLIENT);
                        if (answer.startsWith("HTTP/1.1 200") && answer.endsWith("hello")) {
                            served.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            failures.add(answer);
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        failures.add(e + " after " + (System.nanoTime() - started) / 1_000_000 + " ms");
                    }
                }
            });
            normal.start();

            int peakHeld = 0;
            long lastDrip = System.nanoTime();
            int open = slow.size();
            int reopened = 0;
            while (open > 0 && (System.nanoTime() - attackStart) / 1_000_000 < ATTACK_LIMIT_MILLIS) {
                boolean reopen = (System.nanoTime() - attackStart) / 1_000_000 < ATTACK_MILLIS;
                selector.select(50);
                List<Slow> again = new ArrayList<>();
                for (SelectionKey key : selector.selectedKeys()) {
                    Slow one = (Slow) key.attachment();
                    one.readOrClose();
                    if (reopen && one.closedAfterMillis >= 0) {
                        again.add(Slow.open(selector, one.tls ? tlsPort : httpPort, one.tls ? tlsStart : httpStart,
                                one.tls));
                    }
                }
                selector.selectedKeys().clear();
                slow.addAll(again);
                reopened += again.size();
                if ((System.nanoTime() - lastDrip) / 1_000_000 >= DRIP_MILLIS) {
                    lastDrip = System.nanoTime();
                    slow.forEach(Slow::drip);
                }
                peakHeld = Math.max(peakHeld, gateway.listener.connections().open());
                open = (int) slow.stream().filter(s -> s.closedAfterMillis < 0).count();
            }
            long attackMillis = (System.nanoTime() - attackStart) / 1_000_000;
            attacking.set(false);
            normal.join(30_000);
            slow.forEach(Slow::close);

            long earliest = slow.stream().mapToLong(s -> s.closedAfterMillis).filter(t -> t >= 0).min().orElse(-1);
            long latest = slow.stream().mapToLong(s -> s.closedAfterMillis).max().orElse(-1);
            String figures = String.format("slow connections: %d at once (%d TLS in the ClientHello, %d HTTP in the "
                            + "header), a byte every %d ms, opened in %d ms; each one closed was opened again for "
                            + "%d ms "
                            + "(%d reopened)%npeak connections held by the gateway: %d%n"
                            + "deadline %d ms; slow connections closed %d to %d ms after they opened; attack over "
                            + "after %d ms%nnormal client (full TLS handshake + GET each) during the attack: %d "
                            + "served, %d failed (%.1f per second; %.1f per second just before the attack)%n",
                    SLOW_TLS + SLOW_HTTP, SLOW_TLS, SLOW_HTTP, DRIP_MILLIS, opened, ATTACK_MILLIS, reopened, peakHeld,
                    DEADLINE.toMillis(), earliest,
                    latest, attackMillis, served.get(), failed.get(), served.get() * 1000.0 / attackMillis, quietRate);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "slowloris.txt"), figures);

            assertEquals(0, open, "slow connections still open after " + attackMillis + " ms\n" + figures);
            assertEquals(0, failed.get(), failures + "\n" + figures);
            assertTrue(served.get() >= 3, figures);
            assertTrue(peakHeld >= 500, "the slow connections were held at once\n" + figures);
            // the client starts its clock after connect and first write, the gateway at accept
            assertTrue(earliest >= DEADLINE.toMillis() - 500, "none closed long before its deadline\n" + figures);
            assertTrue(latest <= DEADLINE.toMillis() + 10_000, figures);
        }
    }

    /** One slow client connection. */
    private static final class Slow {
        private final SocketChannel channel;
        private final long openedAt;
        private final ByteBuffer drip;
        final boolean tls;
        private final ByteBuffer sink = ByteBuffer.allocate(4096);
        long closedAfterMillis = -1;

        private Slow(SocketChannel channel, boolean tls) {
            this.channel = channel;
            this.openedAt = System.nanoTime();
            this.tls = tls;
            this.drip = ByteBuffer.wrap(new byte[]{(byte) (tls ? 0x01 : 'a')});
        }

        static Slow open(Selector selector, InetSocketAddress target, byte[] start, boolean tls) throws IOException {
            SocketChannel channel = SocketChannel.open();
            channel.bind(new InetSocketAddress(TestGateway.LOOPBACK, 0));
            channel.connect(target);
            channel.write(ByteBuffer.wrap(start));
            channel.configureBlocking(false);
            Slow slow = new Slow(channel, tls);
            channel.register(selector, SelectionKey.OP_READ, slow);
            return slow;
        }

        /** The server wrote (an alert, a 400) or closed: a close ends this client. */
        void readOrClose() {
            if (closedAfterMillis >= 0) {
                return;
            }
            try {
                sink.clear();
                if (channel.read(sink) < 0) {
                    closed();
                }
            } catch (IOException reset) {
                closed();
            }
        }

        void drip() {
            if (closedAfterMillis >= 0) {
                return;
            }
            try {
                drip.rewind();
                channel.write(drip);
            } catch (IOException reset) {
                closed();
            }
        }

        private void closed() {
            if (closedAfterMillis < 0) {
                closedAfterMillis = (System.nanoTime() - openedAt) / 1_000_000;
            }
            close();
        }

        void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a client socket in a test
            }
        }
    }
}
