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
        return certgate(url, user, password, Map.of(), null, args);
    }

    /** Runs bin/certgate as {@code user} with {@code stdin} (a line of a script) on its standard input. */
    static Run certgateWithInput(ItSettings.User user, String stdin, String... args)
            throws IOException, InterruptedException {
        return certgate(ItSettings.REMOTE, user.name(), user.password(), Map.of(), stdin, args);
    }

    /** Runs bin/certgate as {@code user} with more environment variables (e.g. CERTGATE_NEW_PASSWORD). */
    static Run certgateWithEnvironment(ItSettings.User user, Map<String, String> more, String... args)
            throws IOException, InterruptedException {
        return certgate(ItSettings.REMOTE, user.name(), user.password(), more, null, args);
    }

    /**
     * @param more  more environment variables
     * @param stdin the process's standard input; null for none (/dev/null, as a script run without a terminal)
     */
    static Run certgate(String url, String user, String password, Map<String, String> more, String stdin,
                        String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ItSettings.CLI.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("CERTGATE_"));
        environment.put("CERTGATE_URL", url);
        environment.put("CERTGATE_USER", user);
        environment.put("CERTGATE_PASSWORD", password);
        environment.putAll(more);
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process process = builder.start();
        if (stdin != null) {
            try (var in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
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

    private static void assertExit(int expected, Run run, String why) {
        assertEquals(expected, run.exit(), why + "\n" + run);
        assertExit(expected, run);
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

        ensureTheLocalCa();
        Run local = certgate(ItSettings.OPERATOR, "--json", "cert", "local-ca", unique("cli-local"));
        assertExit(0, local);
        assertEquals("LOCAL_CA", local.json().get("source").asText());
        assertEquals(2, local.json().get("chainLength").asInt(), local.toString());

        Run human = certgate(ItSettings.OPERATOR, "cert", "self-sign", unique("cli-human"));
        assertExit(0, human);
        assertTrue(human.out().startsWith("Stored certificate "), human.toString());
        assertTrue(human.out().contains("source:      SELF_SIGNED"), human.toString());
    }

    /** Issue 16 point 3: a domain's CA profile from the command line, kept when the domain is bound again. */
    @Test
    void anAcmeDomainKeepsItsProfileWhenBoundAgain() throws Exception {
        String host = unique("cli-profile");
        Run created = certgate(ItSettings.OPERATOR, "--json", "app", "create", unique("cli-profiles"),
                "--backend", "http://127.0.0.1:9001", "--acme-domain", host, "--acme-profile", "shortlived");
        assertExit(0, created);
        String appId = created.json().get("id").asText();
        try {
            assertEquals("shortlived", created.json().get("domains").get(0).get("acme").get("profile").asText());

            Run rekeyed = certgate(ItSettings.OPERATOR, "--json", "app", "bind", appId, host, "--acme",
                    "--acme-key-type", "RSA_2048");
            assertExit(0, rekeyed);
            JsonNode acme = rekeyed.json().get("domains").get(0).get("acme");
            assertEquals("RSA_2048", acme.get("keyType").asText());
            assertEquals("shortlived", acme.get("profile").asText(), "not named again: kept");
            Run table = certgate(ItSettings.AUDITOR, "app", "show", appId);
            assertExit(0, table);
            assertTrue(table.out().contains("profile shortlived"), table.toString());

            // bad input: refused with the service's message, nothing changed
            long version = rekeyed.json().get("version").asLong();
            Run bad = certgate(ItSettings.OPERATOR, "app", "bind", appId, host, "--acme", "--acme-profile",
                    "no such profile!");
            assertExit(2, bad, "a profile name the CA could never list");
            assertTrue(bad.err().contains("ACME profile"), bad.toString());
            assertExit(2, certgate(ItSettings.OPERATOR, "app", "bind", appId, host, "--cert", "x",
                    "--acme-profile", "shortlived"), "a profile goes with --acme");
            JsonNode unchanged = certgate(ItSettings.AUDITOR, "--json", "app", "show", appId).json();
            assertEquals(version, unchanged.get("version").asLong(), unchanged.toString());

            Run cleared = certgate(ItSettings.OPERATOR, "--json", "app", "bind", appId, host, "--acme",
                    "--acme-profile=");
            assertExit(0, cleared);
            JsonNode profile = cleared.json().get("domains").get(0).get("acme").get("profile");
            assertTrue(profile == null || profile.isNull(), "back to the account's default: " + cleared);

            Run offered = certgate(ItSettings.AUDITOR, "acme", "profiles");
            assertExit(0, offered);
            assertTrue(offered.out().contains("profile(s)"), offered.toString());
        } finally {
            certgate(ItSettings.OPERATOR, "app", "delete", appId);
        }
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

        Run rebound = certgate(ItSettings.OPERATOR, "--json", "app", "bind", appId, host, "--acme",
                "--acme-key-type", "RSA_2048");
        assertExit(0, rebound);
        assertEquals(1, rebound.json().get("domains").size(), "the domain is changed, not added twice");
        assertEquals("HTTP_01", rebound.json().get("domains").get(0).get("acme").get("challenge").asText());
        assertEquals("RSA_2048", rebound.json().get("domains").get(0).get("acme").get("keyType").asText());
        assertExit(2, certgate(ItSettings.OPERATOR, "app", "bind", appId, host, "--acme", "--acme-key-type",
                "DSA_1024"));
        assertExit(2, certgate(ItSettings.OPERATOR, "app", "bind", appId, host, "--cert", certificateId,
                "--acme-key-type", "RSA_2048"));

        Run listed = certgate(ItSettings.AUDITOR, "app", "list");
        assertExit(0, listed);
        assertTrue(listed.out().lines().anyMatch(line -> line.startsWith(appId) && line.contains(host)),
                listed.toString());
        Run shown = certgate(ItSettings.AUDITOR, "app", "show", appId);
        assertExit(0, shown);
        assertTrue(shown.out().contains(host) && shown.out().contains("ACME HTTP_01, RSA_2048"), shown.toString());

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

    @Test
    void aCertificateIsReplacedInPlaceAndTheAuditLogShowsIt() throws Exception {
        String host = unique("cli-replace");
        Openssl.Pair first = Openssl.selfSigned(Files.createDirectory(dir.resolve("first")), host, "ec");
        Openssl.Pair second = Openssl.selfSigned(Files.createDirectory(dir.resolve("second")), host, "ec");
        Openssl.Pair third = Openssl.selfSigned(Files.createDirectory(dir.resolve("third")), host, "rsa");
        Path p12 = dir.resolve("third.p12");
        Openssl.run(dir, "openssl", "pkcs12", "-export", "-inkey", third.key().toString(), "-in",
                third.certificate().toString(), "-passout", "pass:s3cret-p12", "-out", p12.toString());
        JsonNode stored = certgate(ItSettings.OPERATOR, "--json", "cert", "import", "--cert",
                first.certificate().toString(), "--key", first.key().toString()).json();
        String id = stored.get("id").asText();
        String before = stored.get("fingerprintSha256").asText();
        try {
            Run mismatch = certgate(ItSettings.OPERATOR, "cert", "replace", id, "--cert",
                    second.certificate().toString(), "--key", first.key().toString());
            assertExit(2, mismatch, "a key that does not match the certificate");
            JsonNode unchanged = certgate(ItSettings.OPERATOR, "--json", "cert", "show", id).json();
            assertEquals(before, unchanged.get("fingerprintSha256").asText(), "nothing changed: " + unchanged);
            assertEquals(stored.get("version").asLong(), unchanged.get("version").asLong());

            Run replaced = certgate(ItSettings.OPERATOR, "--json", "cert", "replace", id, "--cert",
                    second.certificate().toString(), "--key", second.key().toString());
            assertExit(0, replaced);
            assertEquals(id, replaced.json().get("id").asText(), "the same id");
            String after = replaced.json().get("fingerprintSha256").asText();
            assertFalse(after.equals(before), "a new certificate under the id: " + replaced);

            Run stale = certgate(ItSettings.OPERATOR, "cert", "replace", id, "--cert", first.certificate().toString(),
                    "--key", first.key().toString(), "--if-version", stored.get("version").asText());
            assertExit(4, stale, "the version read before the replacement");
            assertTrue(stale.err().contains("was changed by someone else"), stale.toString());

            Run fromP12 = certgateWithEnvironment(ItSettings.OPERATOR, Map.of("CERTGATE_P12_PASSWORD", "s3cret-p12"),
                    "cert", "replace-p12", id, "--file", p12.toString());
            assertExit(0, fromP12);
            assertTrue(fromP12.out().startsWith("Replaced certificate " + id), fromP12.toString());
            assertTrue(fromP12.out().contains("key:") && fromP12.out().contains("RSA 2048"), fromP12.toString());

            Run audit = certgate(ItSettings.AUDITOR, "--json", "audit", "--by", ItSettings.OPERATOR.name(),
                    "--action", "CERTIFICATE_REPLACE", "--target", id, "--from", "2020-01-01");
            assertExit(0, audit);
            assertEquals(2, audit.json().get("total").asInt(), audit.toString());
            JsonNode line = audit.json().get("items").get(0);
            assertEquals(ItSettings.OPERATOR.name(), line.get("user").asText());
            assertEquals(id, line.get("target").asText());
            Run table = certgate(ItSettings.ADMIN, "audit", "--target", id);
            assertExit(0, table);
            assertTrue(table.out().startsWith("TIME "), table.toString());
            assertTrue(table.out().lines().anyMatch(l -> l.contains(ItSettings.OPERATOR.name())
                    && l.contains("CERTIFICATE_REPLACE")), table.toString());

            Run badDate = certgate(ItSettings.ADMIN, "audit", "--from", "yesterday");
            assertExit(2, badDate);
            assertTrue(badDate.err().startsWith("certgate: --from yesterday is not a time"), badDate.toString());
            assertExit(6, certgate(ItSettings.OPERATOR, "audit", "--by", ItSettings.OPERATOR.name()),
                    "an operator may not read the audit log");
        } finally {
            assertExit(0, certgate(ItSettings.OPERATOR, "cert", "delete", id));
        }
    }

    @Test
    void theLocalCaRootAndTheDashboardSummary() throws Exception {
        ensureTheLocalCa();
        Run shown = certgate(ItSettings.AUDITOR, "--json", "cert", "ca-show");
        assertExit(0, shown);
        assertTrue(shown.json().get("subject").asText().contains("O=certgate"), shown.toString());
        assertExit(6, certgate(ItSettings.AUDITOR, "cert", "ca-create", "--permit", "intranet.example.com"),
                "an auditor may not create the local CA");
        Path root = dir.resolve("root.pem");
        assertExit(0, certgate(ItSettings.AUDITOR, "cert", "ca-root", "--out", root.toString()));
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(root)) {
            ca = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertTrue(ca.getBasicConstraints() >= 0, "a CA certificate: " + ca);
        assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal(), "a root: " + ca);

        Run summary = certgate(ItSettings.OPERATOR, "--json", "summary");
        assertExit(0, summary);
        JsonNode figures = summary.json();
        for (String count : List.of("total", "valid", "expiringSoon", "expired", "acmeDomains", "acmeFailing")) {
            assertTrue(figures.get(count).asLong(-1) >= 0, count + ": " + figures);
        }
        assertTrue(figures.get("nextRenewals").isArray() && figures.get("latestFailures").isArray(), figures.toString());
        Run table = certgate(ItSettings.AUDITOR, "dashboard");
        assertExit(0, table);
        assertTrue(table.out().contains("certificates:") && table.out().contains("Next renewals:"), table.toString());
    }

    /**
     * The local CA is made only by an explicit creation (issue 14 point 5; LocalCaIT checks the state before it):
     * {@code cert ca-create} as an admin, for any name, unless there is one (then exit 4, and the message says so).
     */
    private static void ensureTheLocalCa() throws Exception {
        Run created = certgate(ItSettings.ADMIN, "cert", "ca-create");
        if (created.exit() == 4) {
            assertTrue(created.err().contains("The local CA exists already"), created.toString());
        } else {
            assertExit(0, created);
            assertTrue(created.out().startsWith("Created the local CA "), created.toString());
        }
    }

    // --- ACME -------------------------------------------------------------------------------------------------------

    /** AcmeIT's account (the test Pebble, its contact): what every ACME test expects to find, so each leaves it so. */
    private static Run saveTheUsualAcmeAccount() throws Exception {
        Run saved = certgate(ItSettings.ADMIN, "--json", "acme", "account", "save", "--directory",
                ItSettings.ACME_DIRECTORY, "--email", "certgate-it@certgate.test", "--agree-tos");
        assertExit(0, saved);
        return saved;
    }

    @Test
    void theAcmeAccountIsShownSavedRolledOverAndDeactivated() throws Exception {
        try {
            Run notAgreed = certgate(ItSettings.ADMIN, "acme", "account", "save", "--directory",
                    ItSettings.ACME_DIRECTORY);
            assertExit(2, notAgreed);
            assertTrue(notAgreed.err().contains("data:text/plain") && notAgreed.err().contains("give --agree-tos"),
                    "names the CA's terms and the option: " + notAgreed);

            Run saved = certgate(ItSettings.ADMIN, "--json", "acme", "account", "save", "--directory",
                    ItSettings.ACME_DIRECTORY, "--email", "certgate-cli@certgate.test", "--agree-tos");
            assertExit(0, saved);
            assertEquals(ItSettings.ACME_DIRECTORY, saved.json().get("directoryUrl").asText());
            assertEquals("certgate-cli@certgate.test", saved.json().get("email").asText(), "the contact is updated");
            assertEquals("VALID", saved.json().get("status").asText());
            assertTrue(saved.json().get("termsAgreed").asBoolean());

            Run shown = certgate(ItSettings.AUDITOR, "acme", "account");
            assertExit(0, shown);
            assertTrue(shown.out().contains("status:       VALID"), shown.toString());
            assertTrue(shown.out().contains("contact:      certgate-cli@certgate.test"), shown.toString());
            assertTrue(shown.out().contains("directory:    " + ItSettings.ACME_DIRECTORY), shown.toString());
            assertTrue(shown.out().matches("(?s).*key type: +(EC_P|RSA_)\\d+.*"), shown.toString());
            Run json = certgate(ItSettings.OPERATOR, "--json", "acme", "account", "show");
            assertExit(0, json);
            assertTrue(json.json().get("termsOfService").asText().startsWith("data:"), json.toString());
            List<String> fields = new ArrayList<>();
            json.json().fieldNames().forEachRemaining(fields::add);
            assertEquals(List.of("directoryUrl", "email", "termsOfService", "termsAgreed", "status", "eabKeyId",
                    "keyType", "defaultProfile", "reregisteredAt"), fields,
                    "the REST API's fields (the key's type, never the key)");

            assertExit(6, certgate(ItSettings.OPERATOR, "acme", "account", "save", "--directory",
                    ItSettings.ACME_DIRECTORY, "--agree-tos"));
            assertExit(6, certgate(ItSettings.OPERATOR, "acme", "account", "rollover"));
            assertExit(6, certgate(ItSettings.OPERATOR, "acme", "account", "deactivate", "--yes"));

            Run rolled = certgate(ItSettings.ADMIN, "--json", "acme", "account", "rollover");
            assertExit(0, rolled);
            assertEquals("VALID", rolled.json().get("status").asText());

            Run unsure = certgate(ItSettings.ADMIN, "acme", "account", "deactivate");
            assertExit(2, unsure);
            assertTrue(unsure.err().contains("--yes"), unsure.toString());
            assertEquals("VALID", certgate(ItSettings.ADMIN, "--json", "acme", "account").json().get("status")
                    .asText(), "nothing happened without --yes");
            Run deactivated = certgate(ItSettings.ADMIN, "--json", "acme", "account", "deactivate", "--yes");
            assertExit(0, deactivated);
            assertEquals("DEACTIVATED", deactivated.json().get("status").asText());
        } finally {
            assertEquals("VALID", saveTheUsualAcmeAccount().json().get("status").asText(),
                    "a deactivated account is replaced by saving again");
        }
    }

    @Test
    void badAcmeAccountInputIsRefusedAndNothingIsKept() throws Exception {
        saveTheUsualAcmeAccount();
        assertExit(2, certgate(ItSettings.ADMIN, "acme", "account", "save", "--email", "a@b.test", "--agree-tos"));
        Run plainHttp = certgate(ItSettings.ADMIN, "acme", "account", "save", "--directory", "http://127.0.0.1:1/dir",
                "--agree-tos");
        assertExit(2, plainHttp);
        assertTrue(plainHttp.err().contains("https://"), plainHttp.toString());
        assertExit(2, certgate(ItSettings.ADMIN, "acme", "account", "save", "--directory", ItSettings.ACME_DIRECTORY,
                "--email", "not an address", "--agree-tos"));
        assertExit(2, certgate(ItSettings.ADMIN, "acme", "account", "save", "--directory", ItSettings.ACME_DIRECTORY,
                "--agree-tos", "--key-type", "DSA_1024"));

        String notAKey = "not base64url!";
        Run badKey = certgateWithInput(ItSettings.ADMIN, notAKey + "\n", "acme", "account", "save", "--directory",
                ItSettings.ACME_DIRECTORY, "--agree-tos", "--eab-key-id", "kid-1", "--eab-hmac-key-stdin");
        assertExit(2, badKey);
        assertTrue(badKey.err().contains("EAB HMAC key is not base64url"), badKey.toString());
        assertFalse(badKey.err().contains(notAKey), "never the key in a message");
        assertExit(2, certgate(ItSettings.ADMIN, "acme", "account", "save", "--directory", ItSettings.ACME_DIRECTORY,
                "--agree-tos", "--eab-key-id", "kid-1", "--eab-hmac-key-file", dir.resolve("none").toString()));
        Path shortKey = Files.writeString(dir.resolve("eab.key"), "c2hvcnQ\n");
        assertExit(2, certgate(ItSettings.ADMIN, "acme", "account", "save", "--directory", ItSettings.ACME_DIRECTORY,
                "--agree-tos", "--eab-key-id", "kid-1", "--eab-hmac-key-file", shortKey.toString()));
        Run noKey = certgate(ItSettings.ADMIN, "acme", "account", "save", "--directory", ItSettings.ACME_DIRECTORY,
                "--agree-tos", "--eab-key-id", "kid-1");
        assertExit(2, noKey);
        assertTrue(noKey.err().contains("--eab-hmac-key-file"), "says how to give it without a terminal: " + noKey);
        assertExit(2, certgate(ItSettings.ADMIN, "acme", "account", "save", "--directory", ItSettings.ACME_DIRECTORY,
                "--agree-tos", "--eab-hmac-key-file", shortKey.toString()));

        JsonNode kept = certgate(ItSettings.ADMIN, "--json", "acme", "account").json();
        assertEquals(ItSettings.ACME_DIRECTORY, kept.get("directoryUrl").asText(), "nothing refused was kept");
        assertEquals("certgate-it@certgate.test", kept.get("email").asText());
        assertEquals("VALID", kept.get("status").asText());
    }

    @Test
    void anAcmeDomainsStateIsShownItIsRenewedAndItsCertificateRevoked() throws Exception {
        saveTheUsualAcmeAccount();
        String domain = AcmeIT.unique("cli");
        Run app = certgate(ItSettings.OPERATOR, "--json", "app", "create", domain, "--backend", "http://127.0.0.1:9",
                "--acme-domain", domain);
        assertExit(0, app);
        String appId = app.json().get("id").asText();
        try {
            JsonNode first = AcmeIT.await(domain, s -> s.get("state").asText().equals("VALID"),
                    java.time.Duration.ofSeconds(90));

            Run status = certgate(ItSettings.AUDITOR, "--json", "acme", "status");
            assertExit(0, status);
            JsonNode mine = null;
            for (JsonNode state : status.json()) {
                if (state.get("domain").asText().equals(domain)) {
                    mine = state;
                }
            }
            assertNotNull(mine, status.toString());
            String certificateShown = mine.get("certificateId").asText();
            assertEquals("VALID", mine.get("state").asText());
            assertEquals(first.get("certificateId").asText(), mine.get("certificateId").asText());
            assertEquals(first.get("lastAttempt").asText(), mine.get("lastAttempt").asText(),
                    "the same RFC 3339 times as the REST API");
            assertFalse(mine.get("nextAttempt").isNull(), mine.toString());
            assertEquals(0, mine.get("failureCount").asInt());

            Run table = certgate(ItSettings.AUDITOR, "acme", "status", domain);
            assertExit(0, table);
            assertTrue(table.out().startsWith("DOMAIN "), table.toString());
            assertTrue(table.out().contains("LAST ATTEMPT") && table.out().contains("NEXT ATTEMPT")
                    && table.out().contains("CAUSE"), table.toString());
            assertTrue(table.out().lines().anyMatch(line -> line.startsWith(domain) && line.contains("VALID")
                    && line.contains(certificateShown)), table.toString());
            assertTrue(table.out().strip().endsWith("1 ACME domain(s)"), table.toString());

            assertExit(6, certgate(ItSettings.AUDITOR, "acme", "renew", domain));
            Run renewed = certgate(ItSettings.OPERATOR, "--json", "acme", "renew", domain);
            assertExit(0, renewed);
            assertEquals(domain, renewed.json().get("domain").asText());
            JsonNode second = AcmeIT.await(domain, s -> s.get("state").asText().equals("VALID")
                    && !s.get("lastAttempt").asText().equals(first.get("lastAttempt").asText()),
                    java.time.Duration.ofSeconds(90));
            String certificateId = second.get("certificateId").asText();

            assertExit(6, certgate(ItSettings.OPERATOR, "cert", "revoke", certificateId));
            assertExit(2, certgate(ItSettings.ADMIN, "cert", "revoke", certificateId, "--reason", "boredom"));
            Run revoked = certgate(ItSettings.ADMIN, "--json", "cert", "revoke", certificateId, "--reason",
                    "superseded");
            assertExit(0, revoked);
            assertEquals(certificateId, revoked.json().get("revoked").asText());
            assertEquals(1, Database.auditRows(certificateId, "CERTIFICATE_REVOKE"));
            AcmeIT.await(domain, s -> s.get("state").asText().equals("VALID")
                    && !s.get("lastAttempt").asText().equals(second.get("lastAttempt").asText()),
                    java.time.Duration.ofSeconds(90)); // replaced at once; then the application can go
        } finally {
            assertExit(0, certgate(ItSettings.OPERATOR, "app", "delete", appId));
        }
    }

    @Test
    void unknownAcmeDomainsAndBadNamesHaveTheirCodes() throws Exception {
        Run unknown = certgate(ItSettings.OPERATOR, "acme", "renew", AcmeIT.unique("cli-unknown"));
        assertExit(3, unknown);
        assertTrue(unknown.err().contains("No application has the domain"), unknown.toString());
        assertExit(3, certgate(ItSettings.AUDITOR, "acme", "status", AcmeIT.unique("cli-unknown")));
        assertExit(2, certgate(ItSettings.OPERATOR, "acme", "renew", "not a host name"));
        assertExit(2, certgate(ItSettings.OPERATOR, "acme", "renew"));
        assertExit(2, certgate(ItSettings.OPERATOR, "acme", "frobnicate"));
        assertExit(3, certgate(ItSettings.ADMIN, "cert", "revoke", "999999999"));
        // an unknown user: wrong passwords of the shared users would count towards the realm's brute-force lock
        assertExit(5, certgate(ItSettings.REMOTE, freshUser(), "not-the-password", "acme", "status"));
    }

    // --- users ------------------------------------------------------------------------------------------------------

    private static String freshUser() {
        return "cli-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anAdminManagesAUserWhoChangesTheirOwnPassword() throws Exception {
        String name = freshUser();
        String first = "first-" + UUID.randomUUID();
        Run added = certgateWithEnvironment(ItSettings.ADMIN, Map.of("CERTGATE_NEW_PASSWORD", first), "--json",
                "user", "add", name, "--role", "operator");
        assertExit(0, added);
        assertEquals(name, added.json().get("name").asText());
        assertEquals("[\"operator\"]", added.json().get("roles").toString());
        assertTrue(added.json().get("enabled").asBoolean());
        assertFalse(added.out().contains(first), "never the password");
        ItSettings.User user = new ItSettings.User(name, first);
        try {
            assertExit(0, certgate(user, "cert", "list"));

            Run listed = certgate(ItSettings.ADMIN, "--json", "user", "list");
            assertExit(0, listed);
            List<String> names = new ArrayList<>();
            listed.json().forEach(u -> names.add(u.get("name").asText()));
            assertTrue(names.contains(name) && names.contains(ItSettings.ADMIN.name()), listed.toString());
            Run table = certgate(ItSettings.ADMIN, "user", "list");
            assertExit(0, table);
            assertTrue(table.out().startsWith("NAME "), table.toString());
            assertTrue(table.out().lines().anyMatch(line -> line.startsWith(name + " ") && line.contains("operator")
                    && line.endsWith("yes")), table.toString());

            Run demoted = certgate(ItSettings.ADMIN, "--json", "user", "set-roles", name, "auditor");
            assertExit(0, demoted);
            assertEquals("[\"auditor\"]", demoted.json().get("roles").toString());
            assertExit(6, certgate(user, "cert", "self-sign", unique("cli-demoted")), "an auditor now");

            assertExit(0, certgate(ItSettings.ADMIN, "user", "disable", name));
            assertExit(5, certgate(user, "cert", "list"));
            Run enabled = certgate(ItSettings.ADMIN, "user", "enable", name);
            assertExit(0, enabled);
            assertTrue(enabled.out().contains("enabled: yes"), enabled.toString());
            assertExit(0, certgate(user, "cert", "list"));

            String second = "second-" + UUID.randomUUID();
            assertExit(0, certgateWithInput(ItSettings.ADMIN, second + "\n", "user", "reset-password", name,
                    "--new-password-stdin"));
            assertExit(5, certgate(user, "cert", "list"));
            user = new ItSettings.User(name, second);

            String third = "third " + UUID.randomUUID() + " ";
            Run changed = certgateWithInput(user, third + "\n", "password", "--new-password-stdin");
            assertExit(0, changed);
            assertEquals("Changed the password of " + name + ".", changed.out().strip());
            assertExit(5, certgate(user, "cert", "list"));
            user = new ItSettings.User(name, third);
            assertExit(0, certgate(user, "cert", "list"), "spaces are part of the password");
            assertEquals(1, Database.auditRows(name, "PASSWORD_CHANGE"));
        } finally {
            Run deleted = certgate(ItSettings.ADMIN, "--json", "user", "delete", name);
            assertExit(0, deleted);
            assertEquals(name, deleted.json().get("deleted").asText());
        }
        assertExit(3, certgate(ItSettings.ADMIN, "user", "show", name));
        assertExit(3, certgate(ItSettings.ADMIN, "user", "delete", name));
        assertExit(5, certgate(user, "cert", "list"));
    }

    @Test
    void userCommandsRefuseBadInputOtherRolesAndWrongPasswords() throws Exception {
        String name = freshUser();
        Map<String, String> password = Map.of("CERTGATE_NEW_PASSWORD", "long-enough-" + UUID.randomUUID());
        assertExit(2, certgateWithEnvironment(ItSettings.ADMIN, password, "user", "add", "Not A Name!", "--role",
                "operator"));
        assertExit(2, certgateWithEnvironment(ItSettings.ADMIN, password, "user", "add", name, "--role", "king"));
        assertExit(2, certgateWithEnvironment(ItSettings.ADMIN, password, "user", "add", name));
        Run tooShort = certgateWithEnvironment(ItSettings.ADMIN, Map.of("CERTGATE_NEW_PASSWORD", "Zq9-tiny"), "user",
                "add", name, "--role", "operator");
        assertExit(2, tooShort);
        assertTrue(tooShort.err().contains("12 characters"), tooShort.toString());
        assertFalse(tooShort.err().contains("Zq9-tiny"), "never the password in a message: " + tooShort);
        Run noTerminal = certgate(ItSettings.ADMIN, "user", "add", name, "--role", "operator");
        assertExit(2, noTerminal);
        assertTrue(noTerminal.err().contains("--new-password-stdin"), "says how to give it: " + noTerminal);
        assertExit(2, certgateWithInput(ItSettings.ADMIN, "\n", "user", "add", name, "--role", "operator",
                "--new-password-stdin"));
        assertExit(3, certgate(ItSettings.ADMIN, "user", "show", name), "nothing refused was added");

        assertExit(6, certgate(ItSettings.OPERATOR, "user", "list"));
        assertExit(6, certgateWithEnvironment(ItSettings.AUDITOR, password, "user", "add", name, "--role",
                "auditor"));
        assertExit(6, certgate(ItSettings.AUDITOR, "user", "delete", ItSettings.OPERATOR.name()));

        assertExit(0, certgateWithEnvironment(ItSettings.ADMIN, password, "user", "add", name, "--role", "operator"));
        try {
            Run duplicate = certgateWithEnvironment(ItSettings.ADMIN, password, "user", "add", name, "--role",
                    "admin");
            assertExit(4, duplicate);
            assertTrue(duplicate.err().contains("exists already"), duplicate.toString());
            assertExit(2, certgate(ItSettings.ADMIN, "user", "set-roles", name));
            assertExit(2, certgate(ItSettings.ADMIN, "user", "set-roles", name, "emperor"));
            assertExit(3, certgate(ItSettings.ADMIN, "user", "enable", freshUser()));
            assertExit(2, certgateWithInput(ItSettings.ADMIN, "short\n", "user", "reset-password", name,
                    "--new-password-stdin"));
            assertEquals("[\"operator\"]", certgate(ItSettings.ADMIN, "--json", "user", "show", name).json()
                    .get("roles").toString(), "nothing refused was changed");

            ItSettings.User user = new ItSettings.User(name, password.get("CERTGATE_NEW_PASSWORD"));
            assertExit(2, certgateWithInput(user, "short\n", "password", "--new-password-stdin"));
            assertExit(2, certgate(user, "password"));
            assertExit(0, certgate(user, "cert", "list"), "the password did not change");
            assertExit(5, certgateWithInput(new ItSettings.User(name, "not-the-password"),
                    "long-enough-new-password\n", "password", "--new-password-stdin"));
            assertExit(5, certgate(ItSettings.REMOTE, name, "not-the-password", "user", "list"));
        } finally {
            assertExit(0, certgate(ItSettings.ADMIN, "user", "delete", name));
        }
    }
}
