package dev.certgate.gateway;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.certgate.core.sni.SniSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that pretends to be a proxy in front of certgate — its own {@code X-Forwarded-*}, {@code Forwarded} and
 * {@code X-Real-IP} — through the real gateway (HTTPS and HTTP) to a backend that records the request header it
 * gets: none of the spoofed values arrives, and certgate's own forwarding headers name the real client.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TlsEngine.class)
class ForwardingHeadersTest {

    /** Each test runs on each TLS engine. */
    @Parameter
    TlsEngine engine;

    private static final String SPOOF = "evil.example.net";
    private static final String SPOOFED_HEADERS = "X-Forwarded-For: 203.0.113.66\r\n"
            + "X-Forwarded-Host: " + SPOOF + "\r\n"
            + "x-forwarded-proto: gopher\r\n"
            + "X-Forwarded-Port: 6666\r\n"
            + "X-Forwarded-Server: " + SPOOF + "\r\n"
            + "X-Forwarded-Prefix: /" + SPOOF + "\r\n"
            + "X-Forwarded-Ssl: off\r\n"
            + "Forwarded: for=203.0.113.66;host=" + SPOOF + ";proto=http\r\n"
            + "X-Real-IP: 203.0.113.66\r\n"
            + "X-Real-Ip: 203.0.113.67\r\n";

    private final BlockingQueue<String> received = new ArrayBlockingQueue<>(10);
    private ServerSocket backend;
    private TestGateway gateway;

    @AfterEach
    void stop() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private void start() throws Exception {
        backend = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    try (Socket accepted = backend.accept()) {
                        received.add(readHead(accepted.getInputStream()));
                        accepted.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
                                + "Connection: close\r\n\r\nok").getBytes(StandardCharsets.US_ASCII));
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        Route route = new Route("app-id", "app", List.of(URI.create("http://127.0.0.1:" + backend.getLocalPort())),
                false, false);
        GatewayState state = new GatewayState(SniSnapshot.empty(), Routes.of(Map.of(TestGateway.HOST, route)),
                PendingChallenges.none());
        GatewayHandler handler = new GatewayHandler(() -> state,
                new Proxies(Duration.ofSeconds(2), Duration.ofSeconds(5)), token -> java.util.Optional.empty(), 443);
        gateway = TestGateway.start(engine, GatewayLimits.defaults(), handler);
    }

    @Test
    void spoofedForwardingHeadersNeverReachTheBackendOverHttps() throws Exception {
        start();
        try (SSLSocket socket = gateway.tls(TestGateway.OTHER_CLIENT, "http/1.1")) {
            socket.startHandshake();
            String answer = send(socket);
            assertTrue(answer.startsWith("HTTP/1.1 200") && answer.endsWith("ok"), answer);
        }
        String head = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(head, "the backend got the request");
        assertNoSpoof(head);
        String lower = head.toLowerCase(Locale.ROOT);
        assertTrue(lower.contains("\r\nforwarded: for=\"127.0.0.2\";proto=https;host=\"" + TestGateway.HOST), head);
        assertTrue(lower.contains("\r\nx-forwarded-for: 127.0.0.2\r\n"), head);
        assertTrue(lower.contains("\r\nx-forwarded-proto: https\r\n"), head);
    }

    @Test
    void spoofedForwardingHeadersNeverReachTheBackendOverHttp() throws Exception {
        start();
        try (Socket socket = gateway.plain(TestGateway.OTHER_CLIENT, gateway.httpPort)) {
            String answer = send(socket);
            assertTrue(answer.startsWith("HTTP/1.1 200") && answer.endsWith("ok"), answer);
        }
        String head = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(head, "the backend got the request");
        assertNoSpoof(head);
        assertTrue(head.toLowerCase(Locale.ROOT).contains("\r\nx-forwarded-proto: http\r\n"), head);
    }

    private static void assertNoSpoof(String head) {
        String lower = head.toLowerCase(Locale.ROOT);
        for (String value : new String[]{"203.0.113.66", "203.0.113.67", SPOOF, "gopher", "6666",
                "x-forwarded-ssl", "x-real-ip"}) {
            assertFalse(lower.contains(value), "'" + value + "' reached the backend:\n" + head);
        }
        assertTrue(lower.indexOf("\r\nforwarded:") == lower.lastIndexOf("\r\nforwarded:"), "one Forwarded:\n" + head);
    }

    private static String send(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET /reset-password HTTP/1.1\r\nHost: " + TestGateway.HOST + "\r\n" + SPOOFED_HEADERS
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
