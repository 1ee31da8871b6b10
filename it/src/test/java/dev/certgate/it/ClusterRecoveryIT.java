package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A node killed with {@code kill -9} (bin/test-cluster: its pid file and a script that starts it again, as an
 * operator's service manager would). One kill, at a moment where two things are in flight on node A: an ACME order
 * (A holds the domain's lease; the cluster's Pebble validates through node B's ports) and an instance key rotation
 * that is activated but not yet re-wrapped. It proves, with figures in the output:
 * <ul>
 *   <li>node B takes the order over once A's lease ({@code certgate.acme.lease}, 45 s in bin/test-cluster) has run out
 *   and serves the renewed certificate; the certificate in service was served by B throughout; one certificate row
 *   for the domain, sealed under the active key, its lease released: nothing half-stored;</li>
 *   <li>changes made on B while A is down (an import, a delete, the renewal) are served by A as soon as it is up
 *   again (it loads its snapshot at the database's generation at start; the once-a-second poll covers the rest);</li>
 *   <li>the rotation resumes on the restarted node: it holds both keys, follows the active key, re-wraps and retires
 *   the old key; no row is left under it;</li>
 *   <li>node B raises exactly one {@code NODE_DOWN} alert for A within {@code NodeService.DOWN_AFTER_SECONDS} and a
 *   margin of the kill (in {@code GET /alerts} and delivered once to a webhook), which ends once A is up again.</li>
 * </ul>
 */
class ClusterRecoveryIT {

    private static final Path NODE_A_PID = Path.of(System.getProperty("certgate.it.cluster.node-a-pid-file", ""));
    private static final Path RESTART_A = Path.of(System.getProperty("certgate.it.cluster.restart-node-a", ""));
    private static final Duration LEASE = Duration.parse(System.getProperty("certgate.it.cluster.acme-lease",
            "PT45S"));
    private static final Path KEYRING_A = ItSettings.DATA_DIR.resolve("certgate/instance.key");
    private static final Path KEYRING_B = Path.of(System.getProperty("certgate.it.node-b.data-dir", "."))
            .resolve("certgate/instance.key");

    /** The server's NodeService.DOWN_AFTER_SECONDS (this module talks to the server over HTTP only). */
    private static final int DOWN_AFTER_SECONDS = 30;
    /** How long after the kill B may take to raise NODE_DOWN: the 30 s of silence, a 5-s look, and a margin. */
    private static final Duration NODE_DOWN_WITHIN = Duration.ofSeconds(DOWN_AFTER_SECONDS + 20);
    private static final String NODE_DOWN_KEY = "NODE_DOWN/" + ClusterIT.A.name();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path dir;
    /** A webhook receiver (every body it got) and its channel, added through node B. */
    private static HttpServer hooks;
    private static final List<String> hookBodies = new CopyOnWriteArrayList<>();
    private static String channel;

    @BeforeAll
    static void twoNodesAndARestartScript() throws Exception {
        assumeTrue(ClusterIT.B.gatewayPort() > 0 && Files.isExecutable(RESTART_A) && Files.exists(NODE_A_PID),
                "bin/test-cluster runs this with two nodes, node A's pid file and its restart script");
        assertEquals(200, AcmeIT.saveAccount(ItSettings.ACME_DIRECTORY).status());
        dir = Files.createTempDirectory("cluster-recovery-it");
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        hooks.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                hookBodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hooks.start();
        channel = ClusterIT.call(ClusterIT.B, "POST", "/alerts/channels", Map.of("type", "WEBHOOK",
                "url", "http://127.0.0.1:" + hooks.getAddress().getPort() + "/cluster-recovery",
                "secret", "whsec-" + UUID.randomUUID()), 201).get("id").asText();
    }

    @AfterAll
    static void removeTheWebhook() throws Exception {
        try {
            if (channel != null) {
                ClusterIT.call(ClusterIT.B, "DELETE", "/alerts/channels/" + channel, null, 204);
            }
        } finally {
            if (hooks != null) {
                hooks.stop(0);
            }
        }
    }

    /** The NODE_DOWN alerts for node A raised since {@code since}, as node B lists them. */
    private static List<JsonNode> nodeDownOfA(Instant since) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode alert : ClusterIT.call(ClusterIT.B, "GET", "/alerts?days=1", null, 200)) {
            if (alert.path("kind").asText().equals("NODE_DOWN")
                    && alert.path("target").asText().equals(ClusterIT.A.name())
                    && !Instant.parse(alert.path("raisedAt").asText()).isBefore(since)) {
                found.add(alert);
            }
        }
        return found;
    }

    /** The webhook deliveries that carry a NODE_DOWN alert for node A. */
    private static long nodeDownOfADelivered() throws Exception {
        long count = 0;
        for (String body : hookBodies) {
            for (JsonNode alert : JSON.readTree(body).path("alerts")) {
                if (alert.path("kind").asText().equals("NODE_DOWN")
                        && alert.path("target").asText().equals(ClusterIT.A.name())) {
                    count++;
                }
            }
        }
        return count;
    }

    private static long openNodeDownOfA() throws Exception {
        return Database.count("SELECT COUNT(*) FROM alert_raised WHERE alert_key = ? AND closed_at IS NULL",
                NODE_DOWN_KEY);
    }

    private record Imported(String name, String sha256, String id) {
    }

    private static Imported importOn(ClusterIT.Node node, String prefix) throws Exception {
        String name = ClusterIT.host(prefix);
        Openssl.Pair pair = Openssl.selfSigned(Files.createDirectories(dir.resolve(name)), name, "ec");
        JsonNode stored = ClusterIT.call(node, "POST", "/certificates", ClusterIT.pem(pair), 201);
        return new Imported(name, ClusterIT.sha256(pair), stored.get("id").asText());
    }

    /** The domain's ACME state as {@code node} reports it, once {@code until} holds. */
    private static JsonNode acmeState(ClusterIT.Node node, String domain,
                                      java.util.function.Predicate<JsonNode> until, Duration within)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            for (JsonNode state : ClusterIT.call(node, "GET", "/acme/domains", null, 200)) {
                if (state.get("domain").asText().equals(domain)) {
                    last = state;
                    if (until.test(state)) {
                        return state;
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("ACME state of " + domain + " on " + node.name() + " after " + within + ": " + last);
    }

    private static String fingerprint(ClusterIT.Node node, String certificateId) throws Exception {
        return ClusterIT.call(node, "GET", "/certificates/" + certificateId, null, 200).get("fingerprintSha256")
                .asText().toLowerCase().replace(":", "");
    }

    private static Optional<String> one(String sql, String parameter) throws Exception {
        try (Connection c = Database.connect(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, parameter);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static JsonNode keyStatus(ClusterIT.Node node) throws Exception {
        return ClusterIT.call(ItSettings.ADMIN, node, "GET", "/instance-key", null, 200);
    }

    private static JsonNode keyStep(ClusterIT.Node node, String step, int expected) throws Exception {
        return ClusterIT.call(ItSettings.ADMIN, node, "POST", "/instance-key/" + step, null, expected);
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static JsonNode node(String name) throws Exception {
        for (JsonNode n : ClusterIT.call(ClusterIT.B, "GET", "/nodes", null, 200)) {
            if (n.get("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no node " + name);
    }

    private static void awaitNode(String name, java.util.function.Predicate<JsonNode> check, String what)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!check.test(node(name))) {
            assertTrue(System.nanoTime() < deadline, what + ": " + node(name));
            Thread.sleep(200);
        }
    }

    private static void copyKeyringToB() throws Exception {
        Path copy = KEYRING_B.resolveSibling("instance.key.copy");
        Files.copy(KEYRING_A, copy, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
        Files.move(copy, KEYRING_B, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void nodeAKilledMidOrderAndMidRotationBTakesOverAndAComesBackCurrent() throws Exception {
        // --- before: a renewable ACME domain (ordered through A), two imported certificates, a rotation activated
        String domain = AcmeIT.unique("recovery");
        String application = AcmeIT.application(domain, "HTTP_01");
        JsonNode valid = AcmeIT.await(domain, s -> s.get("state").asText().equals("VALID"), Duration.ofSeconds(120));
        String firstCertificate = valid.get("certificateId").asText();
        String firstSha = fingerprint(ClusterIT.A, firstCertificate);
        Imported kept = importOn(ClusterIT.A, "kept");
        Imported deletedLater = importOn(ClusterIT.A, "deleted-while-down");
        for (ClusterIT.Node node : List.of(ClusterIT.A, ClusterIT.B)) {
            ClusterIT.waitUntilServed(node, domain, s -> s.equals(Optional.of(firstSha)), System.nanoTime(),
                    "the first certificate of " + domain);
            for (Imported one : List.of(kept, deletedLater)) {
                ClusterIT.waitUntilServed(node, one.name(), s -> s.equals(Optional.of(one.sha256())),
                        System.nanoTime(), one.name());
            }
        }
        String oldKey = keyStatus(ClusterIT.A).get("kekId").asText();
        JsonNode staged = keyStep(ClusterIT.A, "stage", 200);
        String newKey = null;
        for (JsonNode key : staged.get("keys")) {
            if (key.get("state").asText().equals("STAGED")) {
                newKey = key.get("keyId").asText();
            }
        }
        String stagedKey = newKey;
        assertTrue(newKey != null, staged.toString());
        copyKeyringToB();
        awaitNode(ClusterIT.B.name(), n -> ids(n.get("keyIds")).contains(stagedKey), "B holds the staged key");
        keyStep(ClusterIT.A, "activate", 200);
        awaitNode(ClusterIT.B.name(), n -> ids(n.get("sealingKeyIds")).equals(List.of(stagedKey)),
                "B seals under the activated key");
        assertTrue(Database.count("SELECT COUNT(*) FROM certificate WHERE kek_id = ?", oldKey) > 0,
                "rows still under the old key: the rotation is mid-way");

        // --- kill -9 node A while it holds the lease of an order for the domain
        ClusterIT.call(ClusterIT.A, "POST", "/acme/domains/" + domain + "/renew", null, 202);
        long leaseDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String owner;
        while (true) {
            owner = one("SELECT lease_owner FROM acme_domain WHERE domain = ?", domain).orElse("");
            if (owner.startsWith("node-a/")) {
                break;
            }
            assertTrue(System.nanoTime() < leaseDeadline, "node A leased " + domain + ": owner " + owner);
            Thread.sleep(10);
        }
        assertEquals(0, openNodeDownOfA(), "no NODE_DOWN alert open for A before the kill");
        long deliveredBefore = nodeDownOfADelivered();
        long pid = Long.parseLong(Files.readString(NODE_A_PID).strip());
        ProcessHandle nodeA = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("node A's JVM " + pid));
        assertTrue(nodeA.destroyForcibly(), "SIGKILL to node A"); // kill -9: no shutdown hook, no lease release
        long killed = System.nanoTime();
        Instant killedAt = Instant.now();
        nodeA.onExit().get(30, TimeUnit.SECONDS);
        String stateAtKill = one("SELECT state FROM acme_domain WHERE domain = ?", domain).orElse("");
        System.err.printf("ClusterRecoveryIT: node A (pid %d) killed with SIGKILL holding the lease %s of %s "
                + "(state %s), between the activation and the re-wrap of instance key %s%n", pid, owner, domain,
                stateAtKill, newKey);

        // --- while A is down: B serves the domain throughout, changes are made on B, B takes the order over
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong handshakes = new AtomicLong();
        List<String> missing = new CopyOnWriteArrayList<>();
        Thread clients = new Thread(() -> {
            for (int round = 0; round < 20_000 && !stop.get(); round++) { // bounded
                for (String name : List.of(domain, kept.name())) {
                    Optional<String> seen = ClusterIT.served(ClusterIT.B, name);
                    handshakes.incrementAndGet();
                    if (seen.isEmpty()) {
                        missing.add(name + " at " + (System.nanoTime() - killed) / 1_000_000 + " ms");
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "recovery-clients");
        clients.start();
        Imported importedWhileDown;
        JsonNode renewed;
        try {
            importedWhileDown = importOn(ClusterIT.B, "imported-while-down");
            ClusterIT.call(ClusterIT.B, "DELETE", "/certificates/" + deletedLater.id(), null, 204);
            renewed = acmeState(ClusterIT.B, domain, s -> s.get("state").asText().equals("VALID")
                    && !s.path("certificateId").asText("").isEmpty()
                    && !firstSha.equals(fingerprintQuietly(s.get("certificateId").asText())),
                    LEASE.plus(Duration.ofSeconds(150)));
        } finally {
            stop.set(true);
            clients.join(30_000);
        }
        String renewedSha = fingerprint(ClusterIT.B, renewed.get("certificateId").asText());
        long takeover = ClusterIT.waitUntilServed(ClusterIT.B, domain, s -> s.equals(Optional.of(renewedSha)), killed,
                "the renewal by node B");
        System.err.printf("ClusterRecoveryIT: node B served the certificate it ordered for %s %d ms after the kill "
                + "(lease %d s); %d handshakes on B meanwhile, %d without a certificate %s%n", domain, takeover,
                LEASE.toSeconds(), handshakes.get(), missing.size(), missing);
        assertEquals(List.of(), missing, "the certificate in service stayed served on B");
        assertTrue(takeover >= LEASE.toMillis() - 5_000, "B waited for the lease to run out: " + takeover + " ms");
        assertEquals("1", one("SELECT COUNT(*) FROM certificate WHERE common_name = ?", domain).orElse(""),
                "one certificate row for " + domain + ", replaced in place: nothing half-stored");
        assertEquals(renewed.get("certificateId").asText(), firstCertificate,
                "the renewal replaced the certificate in service (same row)");
        assertEquals(Optional.of(newKey), one("SELECT kek_id FROM certificate WHERE id = ?", firstCertificate),
                "sealed on B under the active key");
        assertEquals(Optional.empty(), one("SELECT lease_owner FROM acme_domain WHERE domain = ?", domain),
                "the lease released");

        // --- B raised one NODE_DOWN alert for A (B is the only live node: the key dedupes its looks every 5 s)
        long alertDeadline = killed + NODE_DOWN_WITHIN.toNanos();
        while (nodeDownOfA(killedAt).isEmpty() && System.nanoTime() < alertDeadline) {
            Thread.sleep(500);
        }
        List<JsonNode> down = nodeDownOfA(killedAt);
        assertEquals(1, down.size(), "one NODE_DOWN alert for node A within " + NODE_DOWN_WITHIN + " of the kill: "
                + down);
        long raisedAfter = Duration.between(killedAt, Instant.parse(down.get(0).path("raisedAt").asText()))
                .toMillis();
        System.err.printf("ClusterRecoveryIT: node B raised NODE_DOWN for node A %d ms after the kill (down after "
                + "%d s of silence): %s%n", raisedAfter, DOWN_AFTER_SECONDS, down.get(0).path("subject"));
        assertTrue(raisedAfter >= (DOWN_AFTER_SECONDS - 1) * 1000L, "not before 30 s of silence: "
                + raisedAfter + " ms");
        assertTrue(raisedAfter <= NODE_DOWN_WITHIN.toMillis(), "within " + NODE_DOWN_WITHIN + ": " + raisedAfter);
        assertEquals("CRITICAL", down.get(0).path("severity").asText());
        assertTrue(down.get(0).path("subject").asText().contains(ClusterIT.A.name() + " stopped serving (silent since"),
                down.get(0).toString());
        long deliveryDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (nodeDownOfADelivered() == deliveredBefore && System.nanoTime() < deliveryDeadline) {
            Thread.sleep(250);
        }
        Thread.sleep(Duration.ofSeconds(11).toMillis()); // two more looks of B's: still one
        assertEquals(1, nodeDownOfA(killedAt).size(), "still one NODE_DOWN alert for node A");
        assertEquals(deliveredBefore + 1, nodeDownOfADelivered(), "sent to the webhook once");
        assertEquals(1, openNodeDownOfA(), "open while A is down");

        // --- A comes back: it serves every change made while it was down
        long restarting = System.nanoTime();
        Process restart = new ProcessBuilder(RESTART_A.toString()).redirectErrorStream(true)
                .redirectOutput(new File(dir.resolve("restart-node-a.log").toString())).start();
        assertTrue(restart.waitFor(900, TimeUnit.SECONDS), "node A restarted within 900 s");
        assertEquals(0, restart.exitValue(), "restart of node A: " + Files.readString(dir.resolve(
                "restart-node-a.log")));
        long up = System.nanoTime();
        List<Long> caughtUp = new ArrayList<>();
        caughtUp.add(ClusterIT.waitUntilServed(ClusterIT.A, importedWhileDown.name(),
                s -> s.equals(Optional.of(importedWhileDown.sha256())), up, "imported on B while A was down"));
        caughtUp.add(ClusterIT.waitUntilServed(ClusterIT.A, deletedLater.name(),
                s -> !s.equals(Optional.of(deletedLater.sha256())), up, "deleted on B while A was down"));
        // the domain's certificate lives 120 s, so it may have been renewed again since: A serves the current one
        caughtUp.add(ClusterIT.waitUntilServed(ClusterIT.A, domain,
                s -> s.equals(Optional.of(fingerprintQuietly(firstCertificate))), up,
                "renewed by B while A was down"));
        ClusterIT.waitUntilServed(ClusterIT.A, kept.name(), s -> s.equals(Optional.of(kept.sha256())), up,
                "kept");
        System.err.printf("ClusterRecoveryIT: node A up again %d s after the restart began; served the import, "
                + "the delete and the renewal made while it was down %s ms after it was up (target 2000 ms)%n",
                (up - restarting) / 1_000_000_000, caughtUp);
        assertTrue(caughtUp.stream().allMatch(ms -> ms <= 2_000), "caught up within 2 s: " + caughtUp);
        // A's heartbeat is back: B ends the NODE_DOWN alert at its next look (a new silence would raise a new one)
        long endDeadline = up + Duration.ofSeconds(20).toNanos();
        while (openNodeDownOfA() > 0 && System.nanoTime() < endDeadline) {
            Thread.sleep(250);
        }
        assertEquals(0, openNodeDownOfA(), "the NODE_DOWN alert of A ended within 20 s of A being up");
        assertEquals(1, nodeDownOfA(killedAt).size(), "no second NODE_DOWN alert for A");

        // --- the rotation resumes on A: both keys held, the active one followed, re-wrap and retire
        JsonNode status = keyStatus(ClusterIT.A);
        assertEquals(newKey, status.get("kekId").asText(), "A follows the key activated before the kill");
        assertEquals("", status.get("problem").asText(), status.toString());
        assertEquals(0, status.get("unreadableCertificates").size(), status.toString());
        int attempts = 0;
        while (true) {
            attempts++;
            keyStep(ClusterIT.A, "rewrap", 200);
            JsonNode retired = keyStep(ClusterIT.A, "retire", attempts < 10 ? -1 : 200);
            if (retired.has("keys")) {
                break;
            }
            Thread.sleep(500);
        }
        assertEquals(0, Database.count("SELECT COUNT(*) FROM certificate WHERE kek_id <> ?", newKey),
                "no row left under the old key");
        copyKeyringToB(); // the operator's part: B's file as A's is now
        awaitNode(ClusterIT.B.name(), n -> ids(n.get("keyIds")).equals(List.of(stagedKey)), "B holds the new only");
        awaitNode(ClusterIT.A.name(), n -> ids(n.get("keyIds")).equals(List.of(stagedKey)) && n.get("up")
                .asBoolean() && n.get("upToDate").asBoolean(), "A up, up to date, holding the new key only");
        System.err.printf("ClusterRecoveryIT: the rotation resumed on the restarted node A: re-wrap + retire in %d "
                + "attempt(s), retired %s%n", attempts, oldKey);
        for (ClusterIT.Node node : List.of(ClusterIT.A, ClusterIT.B)) {
            for (Imported one : List.of(kept, importedWhileDown)) {
                ClusterIT.waitUntilServed(node, one.name(), s -> s.equals(Optional.of(one.sha256())),
                        System.nanoTime(), "after the rotation, " + one.name() + " on " + node.name());
            }
            ClusterIT.waitUntilServed(node, domain, s -> s.equals(Optional.of(fingerprintQuietly(firstCertificate))),
                    System.nanoTime(), "after the rotation, " + domain + " on " + node.name());
        }
        assertFalse(ClusterIT.served(ClusterIT.A, deletedLater.name()).equals(Optional.of(deletedLater.sha256())));
        ClusterIT.call(ClusterIT.A, "DELETE", "/applications/" + application, null, 204); // stop renewing
        assertNotEquals(firstSha, renewedSha);
    }

    /** A stored certificate's fingerprint through node B, or "" when it cannot be read now. */
    private static String fingerprintQuietly(String certificateId) {
        try {
            return fingerprint(ClusterIT.B, certificateId);
        } catch (Exception | AssertionError e) {
            return "";
        }
    }
}
