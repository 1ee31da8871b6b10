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
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The instance key (KEK) on a real server: rotation re-seals every key and retires the old KEK; a wrong KEK at start
 * is reported and refused without damage. Reads the key file and the rows directly, as an attacker with a copy of
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
        return CertgateApi.send(CertgateApi.request("/instance-key/rotate")
                .POST(HttpRequest.BodyPublishers.noBody()), user);
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
