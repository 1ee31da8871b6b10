package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The staged rotation of the instance key across two nodes (bin/test-cluster: each node has its own keyring file,
 * the keyring-file key source). The rotation runs through node A (stage, activate, re-wrap, retire) while node B
 * serves handshakes and seals new keys; the operator's part, copying the keyring file to node B after the stage, is
 * done here as an operator would (a copy moved into place). It proves, with figures in the output: activation is
 * refused while node B lacks the staged key, by name; node B's heartbeat shows the key once the file is copied, and
 * that it seals under the new key within seconds of the activation; keys imported on B after that are sealed under
 * the new key; nothing was dropped from either gateway throughout (a loop of handshakes on both nodes); after the
 * retire no row is sealed under the old key, the old key opens nothing, and neither node holds it.
 */
class ClusterRotationIT {

    private static final Path KEYRING_A = ItSettings.DATA_DIR.resolve("certgate/instance.key");
    private static final Path KEYRING_B = Path.of(System.getProperty("certgate.it.node-b.data-dir", "."))
            .resolve("certgate/instance.key");
    private static final long GIVE_UP_MILLIS = 20_000;
    private static final int SEEDED_PER_NODE = 3;
    /** Bounds the background loops (count; the test stops them far sooner). */
    private static final int MAX_ROUNDS = 5_000;

    private static Path dir;

    @BeforeAll
    static void twoNodesWithKeyringFiles() throws Exception {
        assumeTrue(ClusterIT.B.gatewayPort() > 0 && Files.exists(KEYRING_B),
                "bin/test-cluster runs this with two nodes and their keyring files");
        dir = Files.createTempDirectory("cluster-rotation-it");
    }

    /** A certificate imported on {@code node}: its common name and leaf SHA-256 and row id. */
    private record Imported(String name, String sha256, String id) {
    }

    private static Imported importOn(ClusterIT.Node node, String prefix) throws Exception {
        String name = ClusterIT.host(prefix);
        Openssl.Pair pair = Openssl.selfSigned(Files.createDirectories(dir.resolve(name)), name, "ec");
        JsonNode stored = ClusterIT.call(node, "POST", "/certificates", ClusterIT.pem(pair), 201);
        return new Imported(name, ClusterIT.sha256(pair), stored.get("id").asText());
    }

    private static JsonNode step(String step) throws Exception {
        return ClusterIT.call(ItSettings.ADMIN, ClusterIT.A, "POST", "/instance-key/" + step, null, 200);
    }

    private static String refusal(String step) throws Exception {
        return ClusterIT.call(ItSettings.ADMIN, ClusterIT.A, "POST", "/instance-key/" + step, null, 422)
                .get("detail").asText();
    }

    private static String kekIdOf(String certificateId) throws Exception {
        try (Connection c = Database.connect();
             PreparedStatement st = c.prepareStatement("SELECT kek_id FROM certificate WHERE id = ?")) {
            st.setString(1, certificateId);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next(), "row " + certificateId);
                return rs.getString(1);
            }
        }
    }

    /** Unwraps a certificate row's data key with {@code kek} as certgate's envelope does (AES-256-GCM). */
    private static byte[] unwrap(byte[] kek, String certificateId) throws Exception {
        try (Connection c = Database.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT kek_id, wrapped_data_key FROM certificate WHERE id = ?")) {
            st.setString(1, certificateId);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next());
                String kekId = rs.getString(1);
                byte[] wrapped = rs.getBytes(2);
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, wrapped, 0,
                        12));
                cipher.updateAAD(("certgate/certificate/" + certificateId + "/kek/" + kekId)
                        .getBytes(StandardCharsets.UTF_8));
                return cipher.doFinal(wrapped, 12, wrapped.length - 12);
            }
        }
    }

    /** Each node's heartbeat as GET /nodes shows it: name to the node. */
    private static Map<String, JsonNode> nodes() throws Exception {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        ClusterIT.call(ClusterIT.A, "GET", "/nodes", null, 200).forEach(n -> byName.put(n.get("name").asText(), n));
        return byName;
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** Prints each node's keys held and sealed under, as the node list shows them after {@code step}. */
    private static void printNodes(String step) throws Exception {
        StringBuilder line = new StringBuilder("ClusterRotationIT: after ").append(step).append(':');
        for (JsonNode node : nodes().values()) {
            line.append(' ').append(node.get("name").asText()).append(" holds ").append(ids(node.get("keyIds")))
                    .append(" seals under ").append(ids(node.get("sealingKeyIds"))).append(';');
        }
        System.err.println(line);
    }

    /** Waits until node B's heartbeat passes {@code check}; the milliseconds it took. */
    private static long awaitNodeB(Predicate<JsonNode> check, String what) throws Exception {
        long start = System.nanoTime();
        while (true) {
            JsonNode b = nodes().get(ClusterIT.B.name());
            if (b != null && check.test(b)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            assertTrue((System.nanoTime() - start) / 1_000_000 < GIVE_UP_MILLIS, what + ": " + b);
            Thread.sleep(100);
        }
    }

    /** Copies node A's keyring file to node B as an operator does: a copy beside B's file, moved over it. */
    private static void copyKeyringToB() throws Exception {
        Path copy = KEYRING_B.resolveSibling("instance.key.copy");
        Files.copy(KEYRING_A, copy, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
        Files.move(copy, KEYRING_B, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aRotationThroughNodeAWhileNodeBServesAndSealsDropsNothing() throws Exception {
        List<Imported> seeded = new ArrayList<>();
        for (int i = 0; i < SEEDED_PER_NODE; i++) {
            seeded.add(importOn(ClusterIT.A, "rot-a"));
            seeded.add(importOn(ClusterIT.B, "rot-b"));
        }
        for (Imported one : seeded) {
            for (ClusterIT.Node node : List.of(ClusterIT.A, ClusterIT.B)) {
                ClusterIT.waitUntilServed(node, one.name(), s -> s.equals(Optional.of(one.sha256())),
                        System.nanoTime(), "seeded " + one.name());
            }
        }
        List<String> keyringBefore = Files.readAllLines(KEYRING_A).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(1, keyringBefore.size(), "one key before the rotation");
        byte[] oldKek = Base64.getDecoder().decode(keyringBefore.get(0).strip());
        String oldId = ClusterIT.call(ItSettings.ADMIN, ClusterIT.A, "GET", "/instance-key", null, 200)
                .get("kekId").asText();
        printNodes("start");

        // Throughout: handshakes with both nodes for every seeded certificate, and imports on node B.
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong handshakes = new AtomicLong();
        List<String> dropped = new CopyOnWriteArrayList<>();
        List<Imported> importedOnB = new CopyOnWriteArrayList<>();
        List<String> importFailures = new CopyOnWriteArrayList<>();
        Thread clients = new Thread(() -> {
            for (int round = 0; round < MAX_ROUNDS && !stop.get(); round++) {
                for (Imported one : seeded) {
                    for (ClusterIT.Node node : List.of(ClusterIT.A, ClusterIT.B)) {
                        Optional<String> seen = ClusterIT.served(node, one.name());
                        handshakes.incrementAndGet();
                        if (!seen.equals(Optional.of(one.sha256()))) {
                            dropped.add(one.name() + " on " + node.name() + ": " + seen);
                        }
                    }
                }
            }
        }, "rotation-clients");
        Thread importer = new Thread(() -> {
            for (int round = 0; round < MAX_ROUNDS && !stop.get(); round++) {
                try {
                    importedOnB.add(importOn(ClusterIT.B, "rot-during"));
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                } catch (Throwable e) {
                    importFailures.add(String.valueOf(e));
                }
            }
        }, "rotation-importer-b");
        clients.start();
        importer.start();
        long rotationStart = System.nanoTime();
        try {
            // stage on A: the new key is in A's keyring file only; activation is refused, naming node B
            JsonNode staged = step("stage");
            String newId = null;
            for (JsonNode key : staged.get("keys")) {
                if (key.get("state").asText().equals("STAGED")) {
                    newId = key.get("keyId").asText();
                }
            }
            assertTrue(newId != null, "a staged key: " + staged);
            String staging = newId;
            printNodes("stage");
            String refused = refusal("activate");
            assertTrue(refused.contains(ClusterIT.B.name()) && refused.contains(newId), refused);
            assertEquals(oldId, ClusterIT.call(ItSettings.ADMIN, ClusterIT.A, "GET", "/instance-key", null, 200)
                    .get("kekId").asText(), "the refused activation changed nothing");

            // the operator copies the keyring file to node B; B reads it again and reports the key held
            copyKeyringToB();
            long held = awaitNodeB(b -> ids(b.get("keyIds")).contains(staging), "node B holds the staged key");
            System.err.printf("ClusterRotationIT: node B reported the copied key held after %d ms%n", held);
            printNodes("copy to node B");

            step("activate");
            long follows = awaitNodeB(b -> ids(b.get("sealingKeyIds")).equals(List.of(staging)),
                    "node B seals under the activated key only");
            System.err.printf("ClusterRotationIT: node B sealed under the activated key only after %d ms%n",
                    follows);
            printNodes("activate");
            Imported sealedOnB = importOn(ClusterIT.B, "rot-after-activate");
            assertEquals(newId, kekIdOf(sealedOnB.id()), "a key imported on node B after the activation is sealed "
                    + "under the active key");

            // re-wrap and retire; a retire refused because B sealed under the old key meanwhile re-wraps again
            int attempts = 0;
            while (true) {
                attempts++;
                step("rewrap");
                JsonNode answer = ClusterIT.call(ItSettings.ADMIN, ClusterIT.A, "POST", "/instance-key/retire",
                        null, attempts < 10 ? -1 : 200);
                if (answer.has("keys")) {
                    break;
                }
                assertTrue(answer.path("detail").asText().startsWith("Retire refused: "), answer.toString());
                System.err.println("ClusterRotationIT: retire refused, re-wrapping again: " + answer.get("detail"));
                Thread.sleep(500);
            }
            System.err.printf("ClusterRotationIT: re-wrap + retire took %d attempt(s)%n", attempts);
            printNodes("retire");
            long rotationMillis = (System.nanoTime() - rotationStart) / 1_000_000;
            stop.set(true);
            clients.join(60_000);
            importer.join(60_000);

            System.err.printf("ClusterRotationIT: rotation in %d ms; %d handshakes on both nodes, %d saw a "
                    + "certificate missing or wrong; %d keys imported on node B meanwhile, %d failed%n",
                    rotationMillis, handshakes.get(), dropped.size(), importedOnB.size(), importFailures.size());
            assertEquals(List.of(), dropped, "no certificate dropped from either gateway");
            assertEquals(List.of(), importFailures, "imports on node B never failed");
            assertTrue(handshakes.get() > 0 && !importedOnB.isEmpty(), "the loops ran during the rotation");

            assertEquals(0, Database.count("SELECT COUNT(*) FROM certificate WHERE kek_id <> ?", newId),
                    "every stored key is sealed under the new key");
            assertThrows(AEADBadTagException.class, () -> unwrap(oldKek, seeded.get(0).id()),
                    "the old key opens nothing");
            long dropsOld = awaitNodeB(b -> ids(b.get("keyIds")).equals(List.of(staging)),
                    "node B no longer holds the retired key");
            System.err.printf("ClusterRotationIT: node B dropped the retired key after %d ms%n", dropsOld);
            JsonNode a = nodes().get(ClusterIT.A.name());
            assertEquals(List.of(newId), ids(a.get("keyIds")), "node A no longer holds the retired key: " + a);
            assertEquals(1, Database.auditRows(newId, "INSTANCE_KEY_ACTIVATE"));
            assertEquals(1, Database.auditRows(oldId, "INSTANCE_KEY_RETIRE"));

            List<Imported> all = new ArrayList<>(seeded);
            all.addAll(importedOnB);
            all.add(sealedOnB);
            for (Imported one : all) {
                for (ClusterIT.Node node : List.of(ClusterIT.A, ClusterIT.B)) {
                    ClusterIT.waitUntilServed(node, one.name(), s -> s.equals(Optional.of(one.sha256())),
                            System.nanoTime(), "after the rotation, " + one.name());
                }
            }
            // the operator's last part: node B's file without the retired key, as node A's is now
            copyKeyringToB();
        } finally {
            stop.set(true);
            clients.join(60_000);
            importer.join(60_000);
        }
    }
}
