package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code certgate} command-line client end to end: bin/certgate run as a subprocess, as a script would, against
 * the server's EJB remote (remote+http on its HTTP port), signed in with certgate's users. Exit codes are the
 * documented ones (certgate --help).
 */
class CliIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one run printed and returned. */
    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @TempDir
    Path dir;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    /** Runs bin/certgate as {@code user} (through CERTGATE_USER/CERTGATE_PASSWORD) against the server under test. */
    static Run certgate(ItSettings.User user, String... args) throws IOException, InterruptedException {
        return certgate(ItSettings.REMOTE, user.name(), user.password(), args);
    }

    static Run certgate(String url, String user, String password, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ItSettings.CLI.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("CERTGATE_"));
        environment.put("CERTGATE_URL", url);
        environment.put("CERTGATE_USER", user);
        environment.put("CERTGATE_PASSWORD", password);
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        CompletableFuture<String> out = read(process.getInputStream());
        CompletableFuture<String> err = read(process.getErrorStream());
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("certgate " + String.join(" ", args) + " did not end within 90 s");
        }
        return new Run(process.exitValue(), out.join(), err.join());
    }

    private static CompletableFuture<String> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void assertExit(int expected, Run run) {
        assertEquals(expected, run.exit(), run.toString());
        if (expected != 0) {
            assertFalse(run.err().contains("\tat "), "no stack trace for an expected failure:\n" + run);
            assertTrue(run.err().startsWith("certgate: ") || run.err().contains("Usage:"), run.toString());
        }
    }

    @Test
    void importListShowAndADeleteInUseRefusedWithTheDomainsNamed() throws Exception {
        String host = unique("cli-import");
        Openssl.Pair pair = Openssl.selfSigned(dir, host, "ec");

        Run imported = certgate(ItSettings.OPERATOR, "--json", "cert", "import", "--cert", pair.certificate().toString(),
                "--key", pair.key().toString(), "--description", "from the CLI");
        assertExit(0, imported);
        JsonNode stored = imported.json();
        String id = stored.get("id").asText();
        assertEquals(host, stored.get("commonName").asText());
        assertEquals("UPLOADED", stored.get("source").asText());
        assertEquals("from the CLI", stored.get("description").asText());
        assertEquals(ItSettings.OPERATOR.name(), stored.get("createdBy").asText(),
                "the remote call runs as the user who signed in");
        assertFalse(imported.out().contains("PRIVATE KEY"));

        Run listed = certgate(ItSettings.OPERATOR, "--json", "cert", "list", "--query", host);
        assertExit(0, listed);
        assertEquals(1, listed.json().get("total").asInt(), listed.toString());
        assertEquals(id, listed.json().get("items").get(0).get("id").asText());

        Run table = certgate(ItSettings.OPERATOR, "cert", "list", "-q", host);
        assertExit(0, table);
        assertTrue(table.out().startsWith("ID "), table.toString());
        assertTrue(table.out().lines().anyMatch(line -> line.startsWith(id) && line.contains(host)
                && line.contains("UPLOADED")), table.toString());

        Run shown = certgate(ItSettings.AUDITOR, "cert", "show", id);
        assertExit(0, shown);
        assertTrue(shown.out().contains("common name: " + host), shown.toString());

        Run chain = certgate(ItSettings.AUDITOR, "cert", "chain", id);
        assertExit(0, chain);
        assertEquals(pair.certificatePem().strip(), chain.out().strip());

        Run app = certgate(ItSettings.OPERATOR, "--json", "app", "create", unique("cli-app"),
                "--backend", "http://127.0.0.1:9000", "--domain", host + "=" + id);
        assertExit(0, app);
        String appId = app.json().get("id").asText();

        Run refused = certgate(ItSettings.OPERATOR, "cert", "delete", id);
        assertExit(4, refused);
        assertEquals("certgate: The certificate for " + host + " is used by " + host + ". Bind those domains to "
                + "another certificate first.", refused.err().strip());
        assertExit(0, certgate(ItSettings.OPERATOR, "cert", "show", id));

        assertExit(0, certgate(ItSettings.OPERATOR, "app", "delete", appId));
        Run deleted = certgate(ItSettings.OPERATOR, "--json", "cert", "delete", id);
        assertExit(0, deleted);
        assertEquals(id, deleted.json().get("deleted").asText());
        Run gone = certgate(ItSettings.OPERATOR, "cert", "show", id);
        assertExit(3, gone);
        assertTrue(gone.err().contains("No certificate has the id " + id), gone.toString());
    }

    @Test
    void selfSignedAndLocalCaCertificatesAsJson() throws Exception {
        String host = unique("cli-self");
        Run self = certgate(ItSettings.OPERATOR, "--json", "cert", "self-sign", host, "--san", "www." + host,
                "--key-type", "RSA_2048", "--days", "30");
        assertExit(0, self);
        JsonNode made = self.json();
        assertEquals("SELF_SIGNED", made.get("source").asText());
        assertEquals("RSA", made.get("keyAlgorithm").asText());
        assertEquals(2048, made.get("keySize").asInt());
        assertEquals(List.of(host, "www." + host), List.of(made.get("subjectAltNames").get(0).asText(),
                made.get("subjectAltNames").get(1).asText()));

        Run local = certgate(ItSettings.OPERATOR, "--json", "cert", "local-ca", unique("cli-local"));
        assertExit(0, local);
        assertEquals("LOCAL_CA", local.json().get("source").asText());
        assertEquals(2, local.json().get("chainLength").asInt(), local.toString());

        Run human = certgate(ItSettings.OPERATOR, "cert", "self-sign", unique("cli-human"));
        assertExit(0, human);
        assertTrue(human.out().startsWith("Stored certificate "), human.toString());
        assertTrue(human.out().contains("source:      SELF_SIGNED"), human.toString());
    }

    @Test
    void applicationsAreCreatedShownAndBound() throws Exception {
        String host = unique("cli-bind");
        String certificateId = certgate(ItSettings.OPERATOR, "--json", "cert", "self-sign", host).json()
                .get("id").asText();
        Run created = certgate(ItSettings.OPERATOR, "--json", "app", "create", unique("cli-shop"),
                "--backend", "http://127.0.0.1:9001", "--backend", "http://127.0.0.1:9002");
        assertExit(0, created);
        String appId = created.json().get("id").asText();
        assertEquals(2, created.json().get("backends").size());

        Run bound = certgate(ItSettings.OPERATOR, "--json", "app", "bind", appId, host, "--cert", certificateId,
                "--hsts");
        assertExit(0, bound);
        JsonNode domain = bound.json().get("domains").get(0);
        assertEquals(host, domain.get("name").asText());
        assertEquals(certificateId, domain.get("certificateId").asText());
        assertTrue(domain.get("hsts").asBoolean());

        Run rebound = certgate(ItSettings.OPERATOR, "--json", "app", "bind", appId, host, "--acme");
        assertExit(0, rebound);
        assertEquals(1, rebound.json().get("domains").size(), "the domain is changed, not added twice");
        assertEquals("HTTP_01", rebound.json().get("domains").get(0).get("acme").get("challenge").asText());

        Run listed = certgate(ItSettings.AUDITOR, "app", "list");
        assertExit(0, listed);
        assertTrue(listed.out().lines().anyMatch(line -> line.startsWith(appId) && line.contains(host)),
                listed.toString());
        Run shown = certgate(ItSettings.AUDITOR, "app", "show", appId);
        assertExit(0, shown);
        assertTrue(shown.out().contains(host) && shown.out().contains("ACME HTTP_01"), shown.toString());

        assertExit(3, certgate(ItSettings.OPERATOR, "app", "show", "999999999"));
        assertExit(0, certgate(ItSettings.OPERATOR, "app", "delete", appId));
    }

    @Test
    void anAuditorGetsTheForbiddenCodeOnWrites() throws Exception {
        assertExit(0, certgate(ItSettings.AUDITOR, "cert", "list"));
        Run refused = certgate(ItSettings.AUDITOR, "cert", "self-sign", unique("cli-auditor"));
        assertExit(6, refused);
        assertEquals("certgate: your role does not allow this.", refused.err().strip());
        assertExit(6, certgate(ItSettings.AUDITOR, "app", "create", unique("cli-auditor-app"),
                "--backend", "http://127.0.0.1:9000"));
    }

    @Test
    void onlyAnAdminExportsAKeyAndTheFileOpensWithItsPassword() throws Exception {
        String host = unique("cli-export");
        String id = certgate(ItSettings.OPERATOR, "--json", "cert", "self-sign", host).json().get("id").asText();
        Path file = dir.resolve("export.p12");

        assertExit(6, certgate(ItSettings.OPERATOR, "cert", "export-p12", id, "--out", file.toString(),
                "--p12-password=export-secret"));
        assertFalse(Files.exists(file));

        assertExit(0, certgate(ItSettings.ADMIN, "cert", "export-p12", id, "--out", file.toString(),
                "--p12-password=export-secret"));
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            p12.load(in, "export-secret".toCharArray());
        }
        String alias = p12.aliases().nextElement();
        assertNotNull(p12.getKey(alias, "export-secret".toCharArray()));
        assertTrue(((X509Certificate) p12.getCertificate(alias)).getSubjectX500Principal().getName()
                .contains("CN=" + host));

        assertExit(2, certgate(ItSettings.ADMIN, "cert", "export-p12", id, "--out", file.toString(),
                "--p12-password=export-secret"));
    }

    @Test
    void badInputHasItsOwnCodeAndMessage() throws Exception {
        Openssl.Pair pair = Openssl.selfSigned(dir, unique("cli-bad"), "ec");
        Run notACertificate = certgate(ItSettings.OPERATOR, "cert", "import", "--cert", pair.key().toString(),
                "--key", pair.key().toString());
        assertExit(2, notACertificate);
        assertFalse(notACertificate.err().contains("PRIVATE KEY"), "never a key in a message");

        assertExit(2, certgate(ItSettings.OPERATOR, "cert", "import", "--cert", dir.resolve("none.pem").toString(),
                "--key", pair.key().toString()));
        assertExit(2, certgate(ItSettings.OPERATOR, "cert", "self-sign", "not a host name"));
        assertExit(2, certgate(ItSettings.OPERATOR, "cert", "frobnicate"));
        assertExit(2, certgate(ItSettings.OPERATOR, "app", "bind", "1", "a.test"));
    }

    @Test
    void aWrongPasswordGetsTheAuthenticationCode() throws Exception {
        Run refused = certgate(ItSettings.REMOTE, ItSettings.OPERATOR.name(), "not-the-password", "cert", "list");
        assertExit(5, refused);
        assertEquals("certgate: the server refused the user name or password.", refused.err().strip());
        assertExit(5, certgate(ItSettings.REMOTE, "nobody-" + UUID.randomUUID(), "x", "cert", "list"));
    }

    @Test
    void anUnreachableServerGetsItsCode() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Run refused = certgate("remote+http://127.0.0.1:" + closedPort, ItSettings.OPERATOR.name(),
                ItSettings.OPERATOR.password(), "cert", "list");
        assertExit(7, refused);
        assertTrue(refused.err().startsWith("certgate: the server cannot be reached"), refused.toString());
    }

    @Test
    void aRemoteCallIsAuditedUnderItsUser() throws Exception {
        String host = unique("cli-audit");
        String id = certgate(ItSettings.OPERATOR, "--json", "cert", "self-sign", host).json().get("id").asText();
        CertgateApi.Answer audit = CertgateApi.send(CertgateApi.request("/audit?action=CERTIFICATE_SELF_SIGN&user="
                + ItSettings.OPERATOR.name() + "&size=500").GET(), ItSettings.ADMIN);
        assertEquals(200, audit.status(), audit.body().toString());
        JsonNode line = null;
        for (JsonNode item : audit.body().get("items")) {
            if (id.equals(item.get("target").asText())) {
                line = item;
            }
        }
        assertNotNull(line, "the audit log names the CLI's user for " + id + ": " + audit.body());
        assertEquals("127.0.0.1", line.path("address").asText(), "and the client's address: " + line);
    }
}
