package dev.certgate.it;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway in front of real backends (JDK HTTP servers started here, on loopback): proxying with forwarding
 * headers, round robin, HSTS, redirect from HTTP, ACME HTTP-01 answers from the database, 404, 502 and 504 pages.
 */
class GatewayProxyIT {

    private final List<HttpServer> backends = new ArrayList<>();
    private final List<java.io.Closeable> silent = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stopBackends() throws IOException {
        backends.forEach(server -> server.stop(0));
        for (java.io.Closeable closeable : silent) {
            closeable.close();
        }
    }

    /** A backend on loopback that accepts connections, reads, and never answers; closed after the test. */
    private String startSilentBackend() throws IOException {
        java.net.ServerSocket server = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        silent.add(server);
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket accepted = server.accept();
                    silent.add(accepted);
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "silent-backend");
        acceptor.setDaemon(true);
        acceptor.start();
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** A backend that answers "backend NAME" and the request headers it saw, one per line. */
    private String startBackend(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> seen = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            StringBuilder body = new StringBuilder("backend " + name + "\n" + exchange.getRequestURI() + "\n");
            seen.forEach((k, v) -> body.append(k).append(": ").append(v).append('\n'));
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        backends.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static String application(String host, List<String> backendUrls, boolean redirect, boolean hsts)
            throws Exception {
        CertgateApi.Answer certificate = CertgateApi.post("/certificates/self-signed", Map.of("commonName", host));
        assertEquals(201, certificate.status(), certificate.body().toString());
        Map<String, Object> domain = new HashMap<>();
        domain.put("name", host);
        domain.put("certificateId", certificate.body().get("id").asText());
        domain.put("redirectHttps", redirect);
        domain.put("hsts", hsts);
        CertgateApi.Answer created = CertgateApi.post("/applications", Map.of("name", "app-" + host,
                "backends", backendUrls, "domains", List.of(domain)));
        assertEquals(201, created.status(), created.body().toString());
        return created.body().get("id").asText();
    }

    private static String host(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    /** A plain HTTP request to the gateway's HTTP port; the whole answer. */
    private static String plainHttp(String host, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", ItSettings.GATEWAY_HTTP_PORT)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    void proxiesWithForwardingHeadersRoundRobinAndHsts() throws Exception {
        String host = host("proxied");
        application(host, List.of(startBackend("one"), startBackend("two")), false, true);

        String first = TlsProbe.get(host, host, "/hello?x=1");
        String second = TlsProbe.get(host, host, "/hello?x=1");
        for (String answer : List.of(first, second)) {
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertTrue(answer.contains("Strict-Transport-Security: max-age=31536000"), answer);
            assertTrue(answer.contains("/hello?x=1"), answer);
            assertTrue(answer.contains("x-forwarded-for: 127.0.0.1"), answer);
            assertTrue(answer.contains("x-forwarded-proto: https"), answer);
            assertTrue(answer.contains("x-forwarded-host: " + host), answer);
            assertTrue(answer.contains("forwarded: for=\"127.0.0.1\";proto=https;host=\"" + host), answer);
            assertTrue(answer.contains("host: " + host), "the Host header is passed as it came");
        }
        assertTrue(first.contains("backend one") != second.contains("backend one"), "round robin:\n" + first
                + "\n" + second);
    }

    @Test
    void plainHttpIsRedirectedWhenTheDomainAsks() throws Exception {
        String host = host("redirected");
        application(host, List.of(startBackend("r")), true, false);
        String answer = plainHttp(host, "/path/page?q=1");
        assertTrue(answer.startsWith("HTTP/1.1 301"), answer);
        assertTrue(answer.contains("Location: https://" + host + ":" + ItSettings.GATEWAY_PORT + "/path/page?q=1"),
                answer);

        String other = host("not-redirected");
        application(other, List.of(startBackend("p")), false, false);
        String proxied = plainHttp(other, "/");
        assertTrue(proxied.startsWith("HTTP/1.1 200") && proxied.contains("x-forwarded-proto: http"), proxied);
        assertTrue(!proxied.contains("Strict-Transport-Security"), "no HSTS over plain HTTP");
    }

    @Test
    void answersAcmeHttp01ChallengesPublishedInTheDatabase() throws Exception {
        String token = "tok-" + UUID.randomUUID();
        try (Connection c = Database.connect(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO acme_challenge (token, key_authorization, domain, expires_at) VALUES (?, ?, ?, ?)")) {
            st.setString(1, token);
            st.setString(2, token + ".thumbprint");
            st.setString(3, "acme.test");
            st.setString(4, "2099-01-01 00:00:00");
            st.executeUpdate();
        }
        // published as another node's ChallengeStore would: the row and a change of the sequence, which this node's
        // once-a-second poll sees (no cluster message here: the slow path)
        try (Connection c = Database.connect(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE change_sequence SET generation = generation + 1 WHERE id = 1");
        }
        String answer = plainHttp("acme.test", "/.well-known/acme-challenge/" + token);
        for (long deadline = System.nanoTime() + 10_000_000_000L; !answer.startsWith("HTTP/1.1 200")
                && System.nanoTime() < deadline; answer = plainHttp("acme.test", "/.well-known/acme-challenge/" + token)) {
            Thread.sleep(250);
        }
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.endsWith(token + ".thumbprint"), answer);
        assertTrue(plainHttp("acme.test", "/.well-known/acme-challenge/unknown").startsWith("HTTP/1.1 404"));
    }

    @Test
    void unknownHostsAndDeadBackendsGetClearPages() throws Exception {
        String host = host("dead");
        String backend = startBackend("dead");
        application(host, List.of(backend), false, false);

        String unknown = TlsProbe.get(host, "nobody.test", "/");
        assertTrue(unknown.startsWith("HTTP/1.1 404") && unknown.contains("certgate has no application for "
                + "nobody.test"), unknown);

        backends.get(0).stop(0);
        String dead = TlsProbe.get(host, host, "/");
        assertTrue(dead.startsWith("HTTP/1.1 502"), dead);
        assertTrue(dead.contains("The application cannot be reached") && dead.contains("app-" + host), dead);
    }

    @Test
    void aBackendThatNeverAnswersGetsThe504PageWithinTheReadTimeout() throws Exception {
        String host = host("silent");
        application(host, List.of(startSilentBackend()), false, false);
        long timeout = ItSettings.PROXY_READ_TIMEOUT_MILLIS;
        assertTrue(timeout <= 10_000, "bin/test gives the server a short read timeout; this test waits for it");

        long started = System.nanoTime();
        String answer = TlsProbe.get(host, host, "/report");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(answer.startsWith("HTTP/1.1 504"), answer);
        assertTrue(answer.contains("The application did not answer in time") && answer.contains("app-" + host),
                answer);
        assertTrue(millis >= timeout - 200 && millis < timeout + 5_000,
                "answered after " + millis + " ms; read timeout " + timeout + " ms");
    }
}
