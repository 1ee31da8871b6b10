package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * ACME on two nodes of one installation (issue 13, points 2 and 3), against the cluster's own Pebble that bin/test-cluster
 * starts: its certificates live 120 s, and its validator connects to <b>node B's</b> gateway ports while every
 * order is started through node A's REST API (and renewed by whichever node's timer wakes first). What is whose:
 * Pebble (Debian's 2.4, unchanged) is the CA and counts what it issued in its log ("Issued certificate serial");
 * certgate's nodes log each certificate they store (CERTGATE-4002); the test compares the two counts, so an order
 * made twice — two nodes ordering the same renewal — shows as one more issuance at the CA than stored ones.
 */
class ClusterAcmeIT {

    /** How long the two nodes renew on their own: about two renewals of every domain. */
    private static final Duration RENEWING = Duration.ofSeconds(200);
    private static final int DOMAINS = 4;
    private static final Pattern ISSUED = Pattern.compile("^Pebble \\S+ \\S+ Issued certificate serial");
    /** A certificate stored (4002) or discarded because its domain left ACME meanwhile (4009), with its domain. */
    private static final Pattern STORED = Pattern.compile(
            "^(\\S+ \\S+) INFO .*(CERTGATE-4002: ACME issued the certificate \\S+ for (\\S+),|CERTGATE-4009)");
    /** A firing of the renewal timer (4011): the persistent cluster-wide tick or a node's own wake-up. */
    private static final Pattern FIRED = Pattern.compile(
            "^(\\S+ \\S+) INFO .*CERTGATE-4011: ACME renewal timer (tick|wake-up) fired on node (\\S+)");
    /** certgate.acme.renewal-interval as bin/test-cluster sets it. */
    private static final Duration TICK = Duration.parse(System.getProperty("certgate.it.cluster.renewal-interval",
            "PT1H"));
    private static final DateTimeFormatter WILDFLY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private static final Path PEBBLE_LOG = Path.of(System.getProperty("certgate.it.cluster.pebble-log", ""));
    private static final Path NODE_A_LOG = Path.of(System.getProperty("certgate.it.cluster.node-a-log", ""));
    private static final Path NODE_B_LOG = Path.of(System.getProperty("certgate.it.cluster.node-b-log", ""));
    private static final List<String> APPLICATIONS = new ArrayList<>();

    @BeforeAll
    static void theClustersCa() throws Exception {
        assumeTrue(ClusterIT.B.gatewayPort() > 0 && Files.exists(PEBBLE_LOG),
                "bin/test-cluster runs this with two nodes and their Pebble");
        assertEquals(200, AcmeIT.saveAccount(ItSettings.ACME_DIRECTORY).status());
    }

    @AfterAll
    static void noMoreRenewals() throws Exception {
        for (String id : APPLICATIONS) {
            CertgateApi.delete("/applications/" + id);
        }
    }

    @Test
    void ordersStartedOnAAreValidatedThroughBAndServedByBoth() throws Exception {
        for (String challenge : List.of("HTTP_01", "TLS_ALPN_01")) {
            String domain = AcmeIT.unique("cluster-" + challenge.toLowerCase().replace('_', '-'));
            APPLICATIONS.add(AcmeIT.application(domain, challenge));
            long started = System.nanoTime();
            JsonNode valid = AcmeIT.await(domain, s -> s.get("state").asText().equals("VALID"),
                    Duration.ofSeconds(120));
            String fingerprint = CertgateApi.get("/certificates/" + valid.get("certificateId").asText()).body()
                    .get("fingerprintSha256").asText().toLowerCase().replace(":", "");
            for (ClusterIT.Node node : List.of(ClusterIT.A, ClusterIT.B)) {
                X509Certificate served = awaitServed(node, domain, fingerprint);
                assertTrue(served.getNotAfter().toInstant().isAfter(Instant.now()), domain + " on " + node.name());
            }
            System.err.printf("ClusterAcmeIT: %s ordered through node-a, validated by Pebble on node-b's ports, "
                    + "served by both after %d ms%n", challenge, (System.nanoTime() - started) / 1_000_000);
        }
        noMoreRenewals();
        APPLICATIONS.clear();
    }

    @Test
    void renewalsOnTwoNodesAreOrderedOnceAndNoClientSeesAnExpiredCertificate() throws Exception {
        long pebbleMark = issuedAtPebble().size();
        Instant since = Instant.now().minusSeconds(1);
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < DOMAINS; i++) {
            String domain = AcmeIT.unique("renew" + i);
            domains.add(domain);
            APPLICATIONS.add(AcmeIT.application(domain, "HTTP_01"));
        }
        for (String domain : domains) {
            AcmeIT.await(domain, s -> s.get("state").asText().equals("VALID"), Duration.ofSeconds(120));
        }

        // Both nodes renew by themselves; a client keeps handshaking with both and must never get an expired one.
        Map<String, List<String>> servedSerials = new TreeMap<>();
        int handshakes = 0;
        Instant end = Instant.now().plus(RENEWING);
        while (Instant.now().isBefore(end)) {
            for (String domain : domains) {
                for (ClusterIT.Node node : List.of(ClusterIT.A, ClusterIT.B)) {
                    X509Certificate served = leaf(node, domain);
                    handshakes++;
                    Instant now = Instant.now();
                    assertTrue(served.getNotAfter().toInstant().isAfter(now), node.name() + " served an expired "
                            + "certificate for " + domain + ": not after " + served.getNotAfter() + ", at " + now);
                    List<String> seen = servedSerials.computeIfAbsent(domain + "@" + node.name(),
                            k -> new ArrayList<>());
                    String serial = served.getSerialNumber().toString(16);
                    if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(serial)) {
                        seen.add(serial);
                    }
                }
            }
            Thread.sleep(250);
        }
        for (String id : List.copyOf(APPLICATIONS)) {
            CertgateApi.delete("/applications/" + id); // stop renewing before counting
        }
        APPLICATIONS.clear();
        Thread.sleep(5_000); // an order running at the deletion finishes (and is discarded, CERTGATE-4009)

        // Pebble serves only this class: everything it issued since the mark was ordered by one of the two nodes
        int issued = issuedAtPebble().size() - (int) pebbleMark;
        Map<String, List<Instant>> stored = new LinkedHashMap<>();
        Map<String, Integer> byNode = new TreeMap<>();
        int discarded = 0;
        for (Path log : List.of(NODE_A_LOG, NODE_B_LOG)) {
            for (String line : Files.readAllLines(log)) {
                Matcher m = STORED.matcher(line);
                if (!m.find()) {
                    continue;
                }
                Instant at = LocalDateTime.parse(m.group(1), WILDFLY_TIME).atZone(ZoneId.systemDefault()).toInstant();
                if (!at.isAfter(since)) {
                    continue;
                }
                if (m.group(3) == null) {
                    discarded++;
                } else {
                    stored.computeIfAbsent(m.group(3), k -> new ArrayList<>()).add(at);
                    byNode.merge(log.equals(NODE_A_LOG) ? "node-a" : "node-b", 1, Integer::sum);
                }
            }
        }
        int storedCount = stored.values().stream().mapToInt(List::size).sum();
        // The renewal timer: the persistent tick fires on one node of the cluster per interval; each node sets its own
        // wake-up for the next due domain (also after another node's change), so both nodes wake when one is due.
        Instant counted = Instant.now();
        Map<String, Integer> fired = new TreeMap<>();
        for (Path log : List.of(NODE_A_LOG, NODE_B_LOG)) {
            for (String line : Files.readAllLines(log)) {
                Matcher m = FIRED.matcher(line);
                if (m.find() && LocalDateTime.parse(m.group(1), WILDFLY_TIME).atZone(ZoneId.systemDefault())
                        .toInstant().isAfter(since)) {
                    fired.merge(m.group(2) + "@" + m.group(3), 1, Integer::sum);
                }
            }
        }
        int ticks = fired.getOrDefault("tick@node-a", 0) + fired.getOrDefault("tick@node-b", 0);
        long window = Duration.between(since, counted).toMillis();
        System.err.printf("ClusterAcmeIT: renewal timer firings in %d s (tick every %d s): %s%n", window / 1000,
                TICK.toSeconds(), fired);
        System.err.printf("ClusterAcmeIT: %d domains for %d s on two nodes: %d certificates issued by Pebble, %d "
                        + "stored by certgate (%s), %d discarded, %d handshakes, serials served %s%n", DOMAINS,
                RENEWING.toSeconds(), issued, storedCount, byNode, discarded, handshakes, servedSerials);
        if (TICK.toSeconds() <= 60) {
            assertTrue(ticks >= 1 && ticks <= window / TICK.toMillis() + 2, "the tick fires once per interval in the "
                    + "cluster, not once per node: " + ticks + " ticks in " + window + " ms: " + fired);
        }
        assertTrue(fired.getOrDefault("wake-up@node-a", 0) > 0 && fired.getOrDefault("wake-up@node-b", 0) > 0,
                "both nodes woke for due renewals (the lease decided between them): " + fired);
        assertTrue(storedCount >= DOMAINS * 2, "every domain was renewed at least once in " + RENEWING + ": "
                + stored);
        assertEquals(issued, storedCount + discarded, "each order made once: as many certificates issued by the CA "
                + "as stored (" + stored + ") or discarded (" + discarded + ")");
        for (Map.Entry<String, List<Instant>> entry : stored.entrySet()) {
            List<Instant> times = entry.getValue().stream().sorted().toList();
            for (int i = 1; i < times.size(); i++) {
                Duration gap = Duration.between(times.get(i - 1), times.get(i));
                assertTrue(gap.compareTo(Duration.ofSeconds(30)) > 0, entry.getKey() + " stored twice " + gap
                        + " apart (a renewal ordered by both nodes?): " + times);
            }
        }
    }

    private static List<String> issuedAtPebble() throws IOException {
        return Files.readAllLines(PEBBLE_LOG).stream().filter(l -> ISSUED.matcher(l).find()).toList();
    }

    private static X509Certificate awaitServed(ClusterIT.Node node, String domain, String fingerprint)
            throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            try {
                X509Certificate served = leaf(node, domain);
                if (TlsProbe.sha256(served).equals(fingerprint) || Instant.now().isAfter(deadline)) {
                    assertEquals(fingerprint, TlsProbe.sha256(served), domain + " on " + node.name());
                    return served;
                }
            } catch (javax.net.ssl.SSLException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
            }
            Thread.sleep(50);
        }
    }

    private static X509Certificate leaf(ClusterIT.Node node, String name) throws IOException,
            GeneralSecurityException {
        try (SSLSocket socket = (SSLSocket) TlsProbe.acceptingAnyCertificate().getSocketFactory()
                .createSocket("127.0.0.1", node.gatewayPort())) {
            socket.setSoTimeout(5_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(name)));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
