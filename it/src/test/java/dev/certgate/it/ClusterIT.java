package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two certgate nodes of one installation (two WildFly servers, standalone-ha.xml, one MariaDB, one instance key),
 * started by bin/test-cluster: a change made through one node is served by the other's gateway within 2 s, by the
 * cluster message, and still within 2 s by the database poll alone when the other node ignores messages. Each
 * figure is measured from the moment the changing call returned (its transaction had committed) to the first
 * handshake on the other node that shows the change, and printed.
 * Skipped unless bin/test-cluster gives the second node's addresses.
 */
class ClusterIT {

    /** The target of issue 13: a committed change is served by every node within this. */
    private static final long TARGET_MILLIS = 2_000;
    /** How long a wait for a change may take before the test fails (well past the target, to measure a miss). */
    private static final long GIVE_UP_MILLIS = 15_000;
    private static final int ROUNDS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Node A is the server the other ITs' helpers talk to (ItSettings); node B is given by bin/test-cluster. */
    static final Node A = new Node("node-a", ItSettings.HTTP, ItSettings.GATEWAY_PORT, ItSettings.MANAGEMENT);
    static final Node B = new Node("node-b", System.getProperty("certgate.it.node-b.http", ""),
            Integer.getInteger("certgate.it.node-b.gateway-port", 0),
            System.getProperty("certgate.it.node-b.management", ""));

    private static Path dir;
    private static HttpServer backend;

    /** One node's addresses. */
    record Node(String name, String http, int gatewayPort, String management) {
        String api(String path) {
            return http + "/certgate/api/v1" + path;
        }
    }

    /** What a handshake with SNI saw: the leaf's SHA-256, or empty when the gateway refused the name. */
    static Optional<String> served(Node node, String name) {
        try (SSLSocket socket = (SSLSocket) TlsProbe.acceptingAnyCertificate().getSocketFactory()
                .createSocket("127.0.0.1", node.gatewayPort())) {
            socket.setSoTimeout(5_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(name)));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return Optional.of(TlsProbe.sha256((X509Certificate) socket.getSession().getPeerCertificates()[0]));
        } catch (javax.net.ssl.SSLException | java.net.SocketException refused) {
            return Optional.empty();
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError("handshake with " + node.name() + " for " + name, e);
        }
    }

    /**
     * Handshakes with {@code node} every 20 ms until what it serves for {@code name} passes {@code check}; returns the
     * milliseconds from {@code since} (System.nanoTime()) to that handshake's start.
     */
    static long waitUntilServed(Node node, String name, Predicate<Optional<String>> check, long since,
                                        String what) throws InterruptedException {
        while (true) {
            long attempt = System.nanoTime();
            if (check.test(served(node, name))) {
                return (attempt - since) / 1_000_000;
            }
            if ((attempt - since) / 1_000_000 > GIVE_UP_MILLIS) {
                throw new AssertionError(what + ": not seen on " + node.name() + " after " + GIVE_UP_MILLIS + " ms");
            }
            Thread.sleep(20);
        }
    }

    static JsonNode call(Node node, String method, String path, Object body, int expected) throws Exception {
        return call(ItSettings.OPERATOR, node, method, path, body, expected);
    }

    /** A REST call as {@code user} on {@code node}; fails unless it answers {@code expected} (any status: -1). */
    static JsonNode call(ItSettings.User user, Node node, String method, String path, Object body, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.api(path)))
                .timeout(Duration.ofSeconds(60)).header("Authorization", user.basic());
        if (body == null) {
            if (!"GET".equals(method) && !"DELETE".equals(method)) {
                request.header("Content-Type", "application/json"); // a call that changes something declares JSON
            }
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (expected >= 0) {
            assertEquals(expected, response.statusCode(), method + " " + path + " on " + node.name() + ": "
                    + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    static String host(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".cluster.test";
    }

    static Map<String, Object> pem(Openssl.Pair pair) throws IOException {
        Map<String, Object> body = new HashMap<>();
        body.put("certificate", pair.certificatePem());
        body.put("privateKey", pair.keyPem());
        return body;
    }

    static String sha256(Openssl.Pair pair) throws Exception {
        return TlsProbe.sha256(TlsProbe.read(pair.certificate()));
    }

    static void report(String what, List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.err.printf("ClusterIT: %s: %s ms (median %d ms, max %d ms, target %d ms)%n", what, millis,
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), TARGET_MILLIS);
    }

    @BeforeAll
    static void bothNodesUp() throws Exception {
        assumeTrue(!B.http().isEmpty() && B.gatewayPort() > 0, "bin/test-cluster runs this with two nodes");
        dir = Files.createTempDirectory("cluster-it");
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", exchange -> {
            byte[] bytes = ("backend saw Host " + exchange.getRequestHeaders().getFirst("Host"))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        backend.start();
        // Both nodes list each other as up (their heartbeats reach the one database).
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode nodes = call(A, "GET", "/nodes", null, 200);
            List<String> up = new ArrayList<>();
            nodes.forEach(n -> {
                if (n.get("up").asBoolean()) {
                    up.add(n.get("name").asText());
                }
            });
            if (up.contains(A.name()) && up.contains(B.name())) {
                break;
            }
            assertTrue(System.nanoTime() < deadline, "both nodes up in GET /nodes: " + nodes);
            Thread.sleep(500);
        }
        // The first change after a start costs each node far more (class loading, the first key opened, the JIT):
        // one each way, measured and printed on their own, not counted against the target.
        List<Long> cold = new ArrayList<>();
        for (Node[] pair : List.of(new Node[] {A, B}, new Node[] {B, A})) {
            String name = host("first");
            Openssl.Pair first = Openssl.selfSigned(dir, name, "ec");
            call(pair[0], "POST", "/certificates", pem(first), 201);
            long committed = System.nanoTime();
            String sha = sha256(first);
            cold.add(waitUntilServed(pair[1], name, s -> s.equals(Optional.of(sha)), committed,
                    "first change, made on " + pair[0].name()));
        }
        report("first change after start (A -> B, B -> A; not counted)", cold);
    }

    @AfterAll
    static void stopBackend() {
        if (backend != null) {
            backend.stop(0);
        }
    }

    @Test
    void importedOnAServedByBReplacedOnBServedByADeletedOnAGoneOnB() throws Exception {
        List<Long> imported = new ArrayList<>();
        List<Long> replaced = new ArrayList<>();
        List<Long> deleted = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String name = host("sync");
            Openssl.Pair first = Openssl.selfSigned(dir, name, "ec");
            Openssl.Pair second = Openssl.selfSigned(Files.createDirectories(dir.resolve("replacement-" + round)),
                    name, "rsa");
            assertEquals(Optional.empty(), served(B, name), "B knows nothing of " + name + " yet");

            JsonNode stored = call(A, "POST", "/certificates", pem(first), 201);
            long committed = System.nanoTime();
            String firstSha = sha256(first);
            imported.add(waitUntilServed(B, name, s -> s.equals(Optional.of(firstSha)), committed,
                    "imported on A"));

            Map<String, Object> replacement = pem(second);
            replacement.put("version", stored.get("version").asLong());
            call(B, "PUT", "/certificates/" + stored.get("id").asText(), replacement, 200);
            committed = System.nanoTime();
            String secondSha = sha256(second);
            replaced.add(waitUntilServed(A, name, s -> s.equals(Optional.of(secondSha)), committed,
                    "replaced on B"));

            call(A, "DELETE", "/certificates/" + stored.get("id").asText(), null, 204);
            committed = System.nanoTime();
            deleted.add(waitUntilServed(B, name, s -> !s.equals(Optional.of(secondSha)), committed,
                    "deleted on A"));
        }
        report("imported on A -> served by B", imported);
        report("replaced on B -> served new by A", replaced);
        report("deleted on A -> no longer served by B", deleted);
        for (List<Long> figures : List.of(imported, replaced, deleted)) {
            assertTrue(Collections.max(figures) <= TARGET_MILLIS, "every change served within 2 s: " + figures);
        }
    }

    @Test
    void aDomainBoundOnAIsProxiedOnB() throws Exception {
        String name = host("proxy");
        JsonNode certificate = call(A, "POST", "/certificates/self-signed", Map.of("commonName", name), 201);
        Map<String, Object> domain = new HashMap<>();
        domain.put("name", name);
        domain.put("certificateId", certificate.get("id").asText());
        domain.put("redirectHttps", false);
        domain.put("hsts", false);
        call(A, "POST", "/applications", Map.of("name", "app-" + name,
                "backends", List.of("http://127.0.0.1:" + backend.getAddress().getPort()),
                "domains", List.of(domain)), 201);
        long committed = System.nanoTime();
        long millis;
        while (true) {
            long attempt = System.nanoTime();
            String answer = proxied(B, name);
            if (answer.startsWith("HTTP/1.1 200") && answer.contains("backend saw Host " + name)) {
                millis = (attempt - committed) / 1_000_000;
                break;
            }
            assertTrue((attempt - committed) / 1_000_000 < GIVE_UP_MILLIS, "proxied on B: " + answer);
            Thread.sleep(20);
        }
        report("application + domain made on A -> proxied by B", List.of(millis));
        assertTrue(millis <= TARGET_MILLIS, "proxied on B within 2 s: " + millis + " ms");
    }

    @Test
    void aNodeThatIgnoresTheMessagesCatchesUpByThePoll() throws Exception {
        managementSystemProperty(B, "certgate.cluster.messages", "false");
        try {
            List<Long> polled = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                String name = host("poll");
                Openssl.Pair pair = Openssl.selfSigned(dir, name, "ec");
                call(A, "POST", "/certificates", pem(pair), 201);
                long committed = System.nanoTime();
                String sha = sha256(pair);
                polled.add(waitUntilServed(B, name, s -> s.equals(Optional.of(sha)), committed,
                        "imported on A, messages ignored by B"));
            }
            report("imported on A -> served by B by the poll alone (messages ignored)", polled);
            assertTrue(Collections.max(polled) <= TARGET_MILLIS, "the poll alone within 2 s: " + polled);
        } finally {
            managementSystemProperty(B, "certgate.cluster.messages", null);
        }
    }

    @Test
    void theNodeListShowsBothNodesUpToDate() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode nodes = call(B, "GET", "/nodes", null, 200);
            Map<String, JsonNode> byName = new HashMap<>();
            nodes.forEach(n -> byName.put(n.get("name").asText(), n));
            boolean both = byName.containsKey(A.name()) && byName.containsKey(B.name())
                    && byName.get(A.name()).get("upToDate").asBoolean()
                    && byName.get(B.name()).get("upToDate").asBoolean();
            if (both) {
                for (JsonNode node : List.of(byName.get(A.name()), byName.get(B.name()))) {
                    assertTrue(node.get("up").asBoolean(), node.toString());
                    assertTrue(node.get("secondsSinceHeartbeat").asLong() <= 5, node.toString());
                    assertEquals(node.get("currentGeneration").asLong(), node.get("generation").asLong());
                    assertEquals(1, node.get("keyIds").size(), "one instance key held: " + node);
                }
                assertEquals(byName.get(A.name()).get("keyIds"), byName.get(B.name()).get("keyIds"),
                        "both nodes hold the installation's one key");
                return;
            }
            assertTrue(System.nanoTime() < deadline, "both nodes up to date in GET /nodes on B: " + nodes);
            Thread.sleep(250);
        }
    }

    @Test
    void theClusterPageShowsBothNodes() throws Exception {
        org.openqa.selenium.chrome.ChromeDriver browser = Browser.start();
        try {
            AdminPages.open(browser, ItSettings.AUDITOR, "menuCluster", org.openqa.selenium.By.id("clusterForm:nodes"));
            List<String> names = browser.findElements(org.openqa.selenium.By.cssSelector(
                    "#clusterForm\\:nodes_data .cg-node-name")).stream()
                    .map(org.openqa.selenium.WebElement::getText).toList();
            assertEquals(List.of(A.name(), B.name()), names, "the Cluster page lists both nodes by name");
            List<String> states = browser.findElements(org.openqa.selenium.By.cssSelector(
                    "#clusterForm\\:nodes_data .cg-node-state")).stream()
                    .map(org.openqa.selenium.WebElement::getText).toList();
            assertEquals(2, states.size(), states.toString());
            assertTrue(states.stream().noneMatch("down"::equals), "both nodes up: " + states);
            AdminPages.assertNoStackTrace(browser);
        } finally {
            AdminPages.quitWithoutConsoleErrors(browser);
        }
    }

    /** GET / through {@code node}'s gateway with SNI and Host {@code name}; the whole answer, or the failure. */
    private static String proxied(Node node, String name) {
        try (SSLSocket socket = (SSLSocket) TlsProbe.acceptingAnyCertificate().getSocketFactory()
                .createSocket("127.0.0.1", node.gatewayPort())) {
            socket.setSoTimeout(5_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(name)));
            socket.setSSLParameters(parameters);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + name + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException | GeneralSecurityException e) {
            return e.toString();
        }
    }

    /** Sets (or, with null, removes) a system property on {@code node} at run time, through its management API. */
    private static void managementSystemProperty(Node node, String name, String value) throws Exception {
        String address = "[{\"system-property\": \"" + name + "\"}]";
        String operation = value == null
                ? "{\"operation\": \"remove\", \"address\": " + address + "}"
                : "{\"operation\": \"add\", \"address\": " + address + ", \"value\": " + JSON.writeValueAsString(value)
                        + "}";
        String outcome = Openssl.run(Path.of("."), "curl", "-sS", "--digest", "-u",
                ItSettings.MANAGEMENT_USER.name() + ":" + ItSettings.MANAGEMENT_USER.password(),
                "-H", "Content-Type: application/json", "-d", operation, node.management());
        assertTrue(outcome.matches("(?s).*\"outcome\"\\s*:\\s*\"success\".*"), name + " on " + node.name() + ": "
                + outcome);
    }
}
