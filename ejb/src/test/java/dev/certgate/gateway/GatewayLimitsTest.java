package dev.certgate.gateway;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's deadlines and caps on its real listener (both ports, loopback), against clients that misbehave in
 * one way each: a TLS connection that never finishes its handshake, a request header sent a byte at a time, a
 * keep-alive connection left idle, an oversized header, too many connections from one address and overall.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TlsEngine.class)
class GatewayLimitsTest {

    /** Each test runs on each TLS engine. */
    @Parameter
    TlsEngine engine;

    private static final GatewayLimits SHORT = GatewayLimits.defaults()
            .withDeadlines(Duration.ofMillis(1000), Duration.ofMillis(1000), Duration.ofMillis(1500));

    private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private TestGateway gateway;

    private TestGateway start(GatewayLimits limits) throws Exception {
        Logger.getLogger("dev.certgate").addHandler(capture);
        gateway = TestGateway.start(engine, limits, TestGateway.HELLO);
        return gateway;
    }

    @AfterEach
    void stop() throws Exception {
        Logger.getLogger("dev.certgate").removeHandler(capture);
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private static void assertWithin(long millis, long from, long to, String what) {
        assertTrue(millis >= from && millis <= to, what + " after " + millis + " ms, expected " + from + " to " + to);
    }

    @Test
    void aTlsConnectionThatDoesNotFinishItsHandshakeIsClosedAtTheDeadline() throws Exception {
        start(SHORT);
        Socket socket = keep(gateway.plain(TestGateway.LOOPBACK, gateway.httpsPort));
        long started = System.nanoTime();
        // the start of a TLS record announcing a ClientHello that never comes whole
        socket.getOutputStream().write(new byte[]{0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
        long closed = TestGateway.millisUntilClosed(socket);
        assertTrue(closed >= 0, "the gateway closed the connection");
        assertWithin((System.nanoTime() - started) / 1_000_000, 900, 9_000, "closed");
    }

    @Test
    void aFinishedHandshakeIsNotCutByTheHandshakeDeadline() throws Exception {
        start(SHORT.withDeadlines(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(10)));
        try (SSLSocket socket = gateway.tls(TestGateway.LOOPBACK, "http/1.1")) {
            socket.startHandshake();
            Thread.sleep(1_500); // three handshake deadlines
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + TestGateway.HOST
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 200") && answer.endsWith("hello"), answer);
        }
    }

    @Test
    void aRequestHeaderSentSlowlyIsCutAtTheRequestHeaderDeadline() throws Exception {
        start(SHORT.withDeadlines(Duration.ofSeconds(5), Duration.ofMillis(1000), Duration.ofSeconds(10)));
        Socket socket = keep(gateway.plain(TestGateway.LOOPBACK, gateway.httpPort));
        OutputStream out = socket.getOutputStream();
        long started = System.nanoTime();
        out.write(("GET / HTTP/1.1\r\nHost: " + TestGateway.HOST + "\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII));
        long closedAfter = -1;
        for (int i = 0; i < 40; i++) { // a byte every 100 ms for up to 4 s: never idle, never done
            Thread.sleep(100);
            try {
                out.write('a');
                out.flush();
            } catch (IOException closed) {
                closedAfter = (System.nanoTime() - started) / 1_000_000;
                break;
            }
        }
        if (closedAfter < 0) { // writes into a closed socket may succeed a while; reading tells for sure
            assertTrue(TestGateway.millisUntilClosed(socket) >= 0, "the gateway closed the slow connection");
            closedAfter = (System.nanoTime() - started) / 1_000_000;
        }
        assertWithin(closedAfter, 900, 9_000, "the slow header was cut");
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        start(SHORT);
        Socket socket = keep(gateway.plain(TestGateway.LOOPBACK, gateway.httpPort));
        long started = System.nanoTime();
        socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + TestGateway.HOST + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        String answer = readAnswer(socket.getInputStream());
        assertTrue(answer.startsWith("HTTP/1.1 200") && answer.endsWith("hello"), answer);
        assertTrue(TestGateway.millisUntilClosed(socket) >= 0, "the idle connection was closed");
        assertWithin((System.nanoTime() - started) / 1_000_000, 1_400, 9_000, "idle connection closed");
    }

    @Test
    void aHeaderOverTheSizeCapIsRefusedAndOneUnderItServed() throws Exception {
        start(SHORT.withMaxHeaderSize(4_096));
        try (Socket socket = gateway.plain(TestGateway.LOOPBACK, gateway.httpPort)) {
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + TestGateway.HOST + "\r\nX-Big: "
                    + "a".repeat(3_000) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        }
        try (Socket socket = gateway.plain(TestGateway.LOOPBACK, gateway.httpPort)) {
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + TestGateway.HOST + "\r\nX-Big: "
                    + "a".repeat(6_000) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer;
            try {
                answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            } catch (IOException reset) {
                answer = "";
            }
            assertFalse(answer.contains("hello"), answer);
            assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 400"), answer);
        }
    }

    @Test
    void oneAddressGetsNoMoreThanItsCapAndOthersAreServed() throws Exception {
        start(SHORT.withDeadlines(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30))
                .withConnections(100, 5));
        for (int i = 0; i < 5; i++) {
            keep(gateway.plain(TestGateway.LOOPBACK, gateway.httpPort));
        }
        awaitCount(() -> gateway.listener.connections().openFrom(TestGateway.LOOPBACK), 5);
        for (int i = 0; i < 10; i++) {
            try (Socket refused = gateway.plain(TestGateway.LOOPBACK, i % 2 == 0 ? gateway.httpPort
                    : gateway.httpsPort)) {
                long millis = TestGateway.millisUntilClosed(refused);
                assertTrue(millis >= 0 && millis < 2_000, "connection " + (6 + i) + " closed at once: " + millis);
            }
        }
        assertTrue(gateway.httpsGet(TestGateway.OTHER_CLIENT).endsWith("hello"), "another address is served");
        assertEquals(1, messages("CERTGATE-3102").size(), "one line for the burst, not one per connection: "
                + messages("CERTGATE-3102"));
        assertTrue(messages("CERTGATE-3102").get(0).contains("client 127.0.0.1 has 5 open connections"),
                messages("CERTGATE-3102").get(0));
        closeKept();
        awaitCount(() -> gateway.listener.connections().open(), 0);
        assertTrue(gateway.httpsGet(TestGateway.LOOPBACK).endsWith("hello"), "served again once below the cap");
    }

    @Test
    void theOverallCapRefusesEveryAddress() throws Exception {
        start(SHORT.withDeadlines(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30))
                .withConnections(6, 6));
        for (int i = 0; i < 6; i++) {
            keep(gateway.plain(TestGateway.LOOPBACK, i % 2 == 0 ? gateway.httpPort : gateway.httpsPort));
        }
        awaitCount(() -> gateway.listener.connections().open(), 6);
        for (int i = 0; i < 4; i++) {
            try (Socket refused = gateway.plain(TestGateway.OTHER_CLIENT, gateway.httpPort)) {
                long millis = TestGateway.millisUntilClosed(refused);
                assertTrue(millis >= 0 && millis < 2_000, "closed at once: " + millis);
            }
        }
        assertEquals(1, messages("CERTGATE-3101").size(), messages("CERTGATE-3101").toString());
        assertEquals(0, gateway.listener.connections().openFrom(TestGateway.OTHER_CLIENT));
        closeKept();
        awaitCount(() -> gateway.listener.connections().open(), 0);
        assertTrue(gateway.httpsGet(TestGateway.OTHER_CLIENT).endsWith("hello"));
    }

    private void closeKept() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        opened.clear();
    }

    private List<String> messages(String id) {
        List<String> found = new ArrayList<>();
        for (LogRecord record : logged) {
            String text = record.getParameters() == null ? record.getMessage()
                    : String.format(record.getMessage(), record.getParameters());
            if (text.contains(id)) {
                found.add(text);
            }
        }
        return found;
    }

    private static void awaitCount(IntSupplier count, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (count.getAsInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, count.getAsInt(), "open connections counted");
    }

    /** Reads one answer with a Content-Length body (the hello handler's). */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        int length = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return text.toString();
            }
            text.append((char) b);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0 && length < 0) {
                String head = text.substring(0, end).toLowerCase(java.util.Locale.ROOT);
                int at = head.indexOf("content-length:");
                length = Integer.parseInt(head.substring(at + 15).split("\r\n")[0].strip());
            }
            if (length >= 0 && text.length() - text.indexOf("\r\n\r\n") - 4 >= length) {
                return text.toString();
            }
        }
    }
}
