package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The instance keyring on a real server: the staged rotation (stage, activate — refused while a live node lacks the
 * key —, re-wrap, retire — refused while a row or a live node uses the old key), the one-call rotation re-seals every
 * key and retires the old KEK, also while imports race it; a missing keyring file with sealed rows is refused at start,
 * never replaced; a wrong KEK at start is reported and refused without damage. Reads the key file and the rows directly, as an attacker with a copy of
 * the old key file and the database would.
 */
class InstanceKeyIT {

    @TempDir
    Path dir;

    private static Path keyFile() {
        return ItSettings.DATA_DIR.resolve("certgate/instance.key");
    }

    private static byte[] kek(Path file) throws Exception {
        return Base64.getDecoder().decode(Files.readString(file).strip());
    }

    /** The row's sealed data key and KEK id. */
    private record Row(String kekId, byte[] wrappedDataKey) {
    }

    private static Row row(String id) throws Exception {
        try (Connection c = Database.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT kek_id, wrapped_data_key FROM certificate WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next());
                return new Row(rs.getString(1), rs.getBytes(2));
            }
        }
    }

    /** Unwraps a row's data key with a KEK, as certgate's envelope does (AES-256-GCM, 12-byte nonce first). */
    private static byte[] unwrap(byte[] kek, String certificateId, Row row) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"),
                new GCMParameterSpec(128, row.wrappedDataKey(), 0, 12));
        cipher.updateAAD(("certgate/certificate/" + certificateId + "/kek/" + row.kekId())
                .getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(row.wrappedDataKey(), 12, row.wrappedDataKey().length - 12);
    }

    private static CertgateApi.Answer rotate(ItSettings.User user) throws Exception {
        return step("rotate", user);
    }

    private static CertgateApi.Answer step(String step, ItSettings.User user) throws Exception {
        return CertgateApi.send(CertgateApi.request("/instance-key/" + step)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()), user);
    }

    private static JsonNode stepOk(String step) throws Exception {
        CertgateApi.Answer answer = step(step, ItSettings.ADMIN);
        assertEquals(200, answer.status(), step + ": " + answer.body());
        return answer.body();
    }

    private static String refusal(String step) throws Exception {
        CertgateApi.Answer answer = step(step, ItSettings.ADMIN);
        assertEquals(422, answer.status(), step + ": " + answer.body());
        return answer.body().get("detail").asText();
    }

    /** The keyring file's keys (base64 lines). */
    private static List<String> keyringLines() throws Exception {
        return Files.readAllLines(keyFile()).stream().filter(line -> !line.isBlank()).toList();
    }

    /** The state of {@code keyId} in a status answer. */
    private static String state(JsonNode status, String keyId) {
        for (JsonNode key : status.get("keys")) {
            if (key.get("keyId").asText().equals(keyId)) {
                return key.get("state").asText();
            }
        }
        return "absent";
    }

    private static String stagedId(JsonNode status) {
        for (JsonNode key : status.get("keys")) {
            if (key.get("state").asText().equals("STAGED")) {
                return key.get("keyId").asText();
            }
        }
        throw new AssertionError("no staged key in " + status);
    }

    /** A heartbeat row of a node that does not exist: live for 30 s, holding and sealing what is given. */
    private static void fakeNode(String name, String held, String sealing) throws Exception {
        Database.update("DELETE FROM cluster_node WHERE name = ?", name);
        Database.update("INSERT INTO cluster_node (name, version, started_at, last_heartbeat, generation, key_ids,"
                + " sealing_key_ids) VALUES (?, 'fake', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP(6), 0, ?, ?)",
                name, held, sealing);
    }

    private static JsonNode status() throws Exception {
        CertgateApi.Answer answer = CertgateApi.send(CertgateApi.request("/instance-key").GET(), ItSettings.ADMIN);
        assertEquals(200, answer.status(), answer.body().toString());
        return answer.body();
    }

    private String importOne(String prefix) throws Exception {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        Openssl.Pair pair = Openssl.selfSigned(Files.createDirectories(dir.resolve(name)), name, "ec");
        CertgateApi.Answer answer = CertgateApi.importPem(pair.certificatePem(), pair.keyPem());
        assertEquals(201, answer.status(), answer.body().toString());
        return answer.body().get("id").asText();
    }

    @Test
    void rotationReSealsEveryKeyAndTheOldKeyOpensNothing() throws Exception {
        String id = importOne("rotate");
        String name = CertgateApi.get("/certificates/" + id).body().get("commonName").asText();
        byte[] oldKek = kek(keyFile());
        Row before = row(id);
        byte[] dataKeyBefore = unwrap(oldKek, id, before);

        CertgateApi.Answer refused = rotate(ItSettings.OPERATOR);
        assertEquals(403, refused.status(), "only an admin rotates");

        CertgateApi.Answer rotated = rotate(ItSettings.ADMIN);
        assertEquals(200, rotated.status(), rotated.body().toString());
        String newKekId = rotated.body().get("kekId").asText();
        assertNotEquals(before.kekId(), newKekId);
        assertFalse(Files.exists(keyFile().resolveSibling("instance.key.next")));

        byte[] newKek = kek(keyFile());
        assertFalse(Arrays.equals(oldKek, newKek), "the key file holds the new KEK");
        Row after = row(id);
        assertEquals(newKekId, after.kekId());
        assertEquals(0, Database.count("SELECT COUNT(*) FROM certificate WHERE kek_id <> ?", newKekId),
                "every key re-sealed");
        assertThrows(AEADBadTagException.class, () -> unwrap(oldKek, id, after), "the old KEK opens nothing");
        byte[] dataKeyAfter = unwrap(newKek, id, after);
        assertFalse(Arrays.equals(dataKeyBefore, dataKeyAfter), "a fresh data key too");
        assertEquals(1, Database.auditRows(newKekId, "INSTANCE_KEY_ROTATE"));

        // The gateway opens everything under the new KEK: a new import rebuilds its snapshot from the database.
        String later = importOne("after-rotation");
        TlsProbe.leafFor(name);
        TlsProbe.leafFor(CertgateApi.get("/certificates/" + later).body().get("commonName").asText());
        assertEquals(0, status().get("unreadableCertificates").size());
    }

    @Test
    void stagedRotationOpensUnderEitherKeyThenRetiresTheOld() throws Exception {
        String before = importOne("staged-before");
        String beforeName = CertgateApi.get("/certificates/" + before).body().get("commonName").asText();
        String oldId = status().get("kekId").asText();
        byte[] oldKek = kek(keyFile());

        assertEquals(403, step("stage", ItSettings.OPERATOR).status(), "only an admin stages");
        assertTrue(refusal("activate").startsWith("Activation refused: no instance key is staged"));
        JsonNode staged = stepOk("stage");
        String newId = stagedId(staged);
        assertEquals(oldId, staged.get("kekId").asText(), "a staged key seals nothing yet");
        assertEquals(2, keyringLines().size(), "the staged key is in the keyring file, beside the active one");
        assertTrue(refusal("stage").startsWith("Staging refused: instance key " + newId + " is staged"));

        // a live node that lacks the staged key blocks the activation, by name
        try {
            fakeNode("ghost-node-7", oldId, oldId);
            String refused = refusal("activate");
            assertTrue(refused.contains("ghost-node-7") && refused.contains(newId), refused);
            assertEquals(oldId, status().get("kekId").asText(), "nothing changed");
        } finally {
            Database.update("DELETE FROM cluster_node WHERE name = ?", "ghost-node-7");
        }

        JsonNode active = stepOk("activate");
        assertEquals(newId, active.get("kekId").asText());
        assertEquals("PREVIOUS", state(active, oldId));
        String after = importOne("staged-after");
        assertEquals(newId, row(after).kekId(), "new keys are sealed under the active key");
        assertEquals(oldId, row(before).kekId(), "old ones still under the old key, and still served:");
        TlsProbe.leafFor(beforeName);

        String early = refusal("retire");
        assertTrue(early.startsWith("Retire refused: ") && early.contains("still sealed under instance key " + oldId),
                early);
        stepOk("rewrap");
        assertEquals(0, Database.count("SELECT COUNT(*) FROM certificate WHERE kek_id <> ?", newId),
                "every key re-wrapped");
        TlsProbe.leafFor(beforeName);

        // a live node still sealing under the old key (a transaction running there) blocks the retire, by name
        try {
            fakeNode("ghost-node-8", oldId + "," + newId, newId + "," + oldId);
            String refused = refusal("retire");
            assertTrue(refused.contains("ghost-node-8") && refused.contains("still seal"), refused);
        } finally {
            Database.update("DELETE FROM cluster_node WHERE name = ?", "ghost-node-8");
        }

        JsonNode retired = stepOk("retire");
        assertEquals("RETIRED", state(retired, oldId));
        assertEquals(1, keyringLines().size(), "the old key left the keyring file");
        assertFalse(Arrays.equals(oldKek, kek(keyFile())));
        assertThrows(AEADBadTagException.class, () -> unwrap(oldKek, before, row(before)),
                "the old KEK opens nothing");
        TlsProbe.leafFor(beforeName);
        for (String step : List.of("retire", "activate")) {
            assertTrue(refusal(step).contains("refused"), step + " has nothing to do now");
        }
        assertEquals(1, Database.auditRows(newId, "INSTANCE_KEY_ACTIVATE"));
        assertEquals(1, Database.auditRows(oldId, "INSTANCE_KEY_RETIRE"));
    }

    @Test
    void anImportRacingARotationIsNotLeftUnderTheRetiredKey() throws Exception {
        importOne("race-seed");
        AtomicBoolean stop = new AtomicBoolean();
        List<String> imported = new CopyOnWriteArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        ExecutorService importers = Executors.newFixedThreadPool(3);
        for (int i = 0; i < 3; i++) {
            importers.execute(() -> {
                for (int n = 0; n < 20 && !stop.get(); n++) { // bounded
                    try {
                        imported.add(importOne("race"));
                    } catch (Throwable e) {
                        failures.add(String.valueOf(e));
                    }
                }
            });
        }
        try {
            for (int round = 0; round < 2; round++) {
                CertgateApi.Answer rotated = rotate(ItSettings.ADMIN);
                assertEquals(200, rotated.status(), rotated.body().toString());
            }
        } finally {
            stop.set(true);
            importers.shutdown();
            assertTrue(importers.awaitTermination(120, TimeUnit.SECONDS));
        }
        assertEquals(List.of(), failures, "imports never fail during a rotation");
        assertTrue(imported.size() >= 3, "imports ran during the rotation: " + imported.size());
        String activeId = status().get("kekId").asText();
        // imports that committed after the last rotation are under the active key too; none under a retired one
        assertEquals(0, Database.count("SELECT COUNT(*) FROM certificate WHERE kek_id <> ?", activeId),
                "no key left under a retired KEK");
        assertEquals(1, keyringLines().size());
        for (String id : imported) {
            TlsProbe.leafFor(CertgateApi.get("/certificates/" + id).body().get("commonName").asText());
        }
    }

    @Test
    void aMissingKeyringFileWithSealedRowsIsRefusedAtStartNotReplaced() throws Exception {
        importOne("missing-file");
        Path saved = dir.resolve("instance.key.saved");
        Files.move(keyFile(), saved);
        try {
            Management.reloadAndWait();
            assertFalse(Files.exists(keyFile()), "no new key was made in its place");
            String detail = status().get("problem").asText();
            long sealed = Database.count("SELECT COUNT(*) FROM certificate WHERE kek_id <> ?", "");
            assertTrue(detail.contains(keyFile().toString()) && detail.contains("stored key(s)"), detail);
            assertTrue(sealed > 0);
            String log = Files.readString(Path.of(System.getProperty("user.dir"))
                    .resolve("target/wildfly/standalone/log/server.log"));
            assertTrue(log.contains("CERTGATE-1110"), "the start names the file and what it would orphan");
            Openssl.Pair pair = Openssl.selfSigned(Files.createDirectories(dir.resolve("refused")), "refused.test",
                    "ec");
            CertgateApi.Answer refused = CertgateApi.importPem(pair.certificatePem(), pair.keyPem());
            assertEquals(503, refused.status(), refused.body().toString());
            assertFalse(refused.body().toString().contains("Exception"), "a sentence, no stack trace");
        } finally {
            Files.move(saved, keyFile(), StandardCopyOption.REPLACE_EXISTING);
            Management.reloadAndWait();
        }
        assertEquals(0, status().get("unreadableCertificates").size(), "the restored file opens everything");
        assertEquals("", status().get("problem").asText());
    }

    @Test
    void aWrongInstanceKeyIsReportedAndRefusedWithoutDamage() throws Exception {
        String id = importOne("wrong-kek");
        Row before = row(id);
        Path saved = dir.resolve("instance.key.saved");
        Files.copy(keyFile(), saved);
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        try {
            Files.writeString(keyFile(), Base64.getEncoder().encodeToString(other) + "\n");
            Management.reloadAndWait();

            JsonNode status = status();
            assertTrue(status.get("unreadableCertificates").toString().contains(id), status.toString());
            String log = Files.readString(Path.of(System.getProperty("user.dir"))
                    .resolve("target/wildfly/standalone/log/server.log"));
            assertTrue(log.contains("CERTGATE-1107"), "the start says which keys cannot be opened");

            CertgateApi.Answer rotation = rotate(ItSettings.ADMIN);
            assertEquals(422, rotation.status(), rotation.body().toString());
            assertTrue(rotation.body().get("detail").asText().startsWith("Rotation refused:"));
            Row unchanged = row(id);
            assertEquals(before.kekId(), unchanged.kekId());
            assertArrayEquals(before.wrappedDataKey(), unchanged.wrappedDataKey(), "nothing overwritten");
            assertTrue(CertgateApi.get("/certificates/" + id).status() == 200, "the server still serves its API");
        } finally {
            Files.copy(saved, keyFile(), StandardCopyOption.REPLACE_EXISTING);
            Management.reloadAndWait();
        }
        assertEquals(0, status().get("unreadableCertificates").size(), "the right key opens everything again");
    }
}
