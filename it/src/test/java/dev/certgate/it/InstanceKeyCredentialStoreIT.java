package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The instance key from an Elytron secret-key credential store, on a real server: wildfly-config's
 * instance-key-credential-store.cli (run with jboss-cli against the running server, as its comments tell an operator)
 * adds the store and an encryption resolver; the installation's key is encrypted with it (create-expression) and given
 * as {@code certgate.vault.kek = ${ENC::certgate:...}}. After a reload certgate seals and opens under that key as an
 * operator-supplied one: the same key id, every stored key opens, a new import is served, rotation refused; the server
 * configuration holds the encrypted expression, never the key. The undo script brings the keyring file back.
 */
class InstanceKeyCredentialStoreIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path IT_DIR = Path.of(System.getProperty("user.dir"));
    private static final Path SERVER = IT_DIR.resolve("target/wildfly");
    private static final Path CLI = IT_DIR.resolve("../wildfly-config/src/main/cli");

    @TempDir
    Path dir;

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
        return name;
    }

    /** Runs a jboss-cli script of wildfly-config against the running server, as the management user. */
    private static String runScript(String script) throws Exception {
        URI management = URI.create(ItSettings.MANAGEMENT);
        return Openssl.run(IT_DIR, SERVER.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=remote+http://" + management.getHost() + ":" + management.getPort(),
                "--user=" + ItSettings.MANAGEMENT_USER.name(), "--password=" + ItSettings.MANAGEMENT_USER.password(),
                "--file=" + CLI.resolve(script).normalize());
    }

    private static String configuration() throws Exception {
        return Files.readString(SERVER.resolve("standalone/configuration/standalone.xml"));
    }

    @Test
    void theInstanceKeyFromAnElytronCredentialStoreOpensEverythingAndIsNeverInTheConfiguration() throws Exception {
        String before = importOne("store-before");
        JsonNode initial = status();
        String keyId = initial.get("kekId").asText();
        assertFalse(initial.get("supplied").asBoolean(), initial.toString());
        List<String> lines = Files.readAllLines(ItSettings.DATA_DIR.resolve("certgate/instance.key")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertEquals(1, lines.size(), "one key in the keyring file");
        String key = lines.get(0).strip();

        runScript("instance-key-credential-store.cli");
        try {
            String created = Management.execute("{\"operation\": \"create-expression\", \"address\": [{\"subsystem\":"
                    + " \"elytron\"}, {\"expression\": \"encryption\"}], \"resolver\": \"certgate\", \"clear-text\": "
                    + JSON.writeValueAsString(key) + "}");
            JsonNode answer = JSON.readTree(created);
            assertEquals("success", answer.path("outcome").asText(), created);
            String expression = answer.path("result").path("expression").asText();
            assertTrue(expression.startsWith("${ENC::certgate:"), expression);
            Management.systemProperty("certgate.vault.kek", expression);
            Management.reloadAndWait();

            JsonNode supplied = status();
            assertTrue(supplied.get("supplied").asBoolean(), "the key comes from the store now: " + supplied);
            assertEquals(keyId, supplied.get("kekId").asText(), "the same key, so every stored key opens");
            assertEquals(0, supplied.get("unreadableCertificates").size(), supplied.toString());
            assertEquals("", supplied.get("problem").asText(), supplied.toString());
            TlsProbe.leafFor(before);
            TlsProbe.leafFor(importOne("store-after"));
            CertgateApi.Answer stage = CertgateApi.send(CertgateApi.request("/instance-key/stage")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()),
                    ItSettings.ADMIN);
            assertEquals(422, stage.status(), stage.body().toString());
            assertTrue(stage.body().get("detail").asText().contains("supplied by the operator"), stage.body()
                    .toString());
            String xml = configuration();
            assertTrue(xml.contains(expression), "the configuration holds the encrypted expression");
            assertFalse(xml.contains(key), "and never the key");
            assertTrue(Files.exists(ItSettings.DATA_DIR.resolve("certgate/instance-key.cs")), "the store file");
            System.err.printf("InstanceKeyCredentialStoreIT: instance key %s from the Elytron secret-key credential "
                    + "store (certgate.vault.kek=%s...): supplied, %d unreadable%n", keyId,
                    expression.substring(0, 18), supplied.get("unreadableCertificates").size());
        } finally {
            runScript("instance-key-credential-store-undo.cli");
            Management.reloadAndWait();
        }
        JsonNode after = status();
        assertFalse(after.get("supplied").asBoolean(), "the keyring file again: " + after);
        assertEquals(keyId, after.get("kekId").asText());
        assertEquals(0, after.get("unreadableCertificates").size(), after.toString());
        assertFalse(configuration().contains("ENC::certgate"), "the undo script removed the expression");
    }
}
