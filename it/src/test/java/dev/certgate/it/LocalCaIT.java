package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 point 5: the local CA exists only once an admin or an operator creates it (a read, an auditor's
 * included, never makes it), and it issues only within the permitted names it was created with.
 *
 * <p>There is one local CA per installation and other tests need one, so this test moves the row it finds aside (as
 * an operator with a SQL client could), checks the server with none, creates its own, and puts the row it found back
 * at the end (its root and sealed key unchanged, so every certificate that CA issued still verifies).
 */
class LocalCaIT {

    @TempDir
    Path dir;

    private static void assertProblem(int status, String detail, CertgateApi.Answer answer) {
        assertEquals(status, answer.status(), answer.body().toString());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertTrue(answer.body().path("detail").asText().contains(detail), answer.body().toString());
    }

    private static CertgateApi.Answer create(ItSettings.User user, String json) throws IOException {
        return CertgateApi.send(CertgateApi.request("/local-ca").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), user);
    }

    private static CertgateApi.Answer issue(String commonName) throws IOException {
        return CertgateApi.post("/certificates/local-ca", Map.of("commonName", commonName));
    }

    private static long localCaRows() throws SQLException {
        return Database.count("SELECT COUNT(*) FROM local_ca WHERE id <> ?", "");
    }

    private static long certificatesNamed(String name) throws IOException {
        return CertgateApi.get("/certificates?q=" + name).body().get("total").asLong();
    }

    @Test
    void noReadCreatesTheLocalCaAndItIssuesOnlyWithinItsPermittedNames() throws Exception {
        String domain = "ca-" + UUID.randomUUID().toString().substring(0, 8) + ".example.test";
        AsideRow aside = AsideRow.take();
        try {
            assertEquals(0, localCaRows());

            // Reads by every role: 404 problem+json, and still no CA.
            for (ItSettings.User user : List.of(ItSettings.AUDITOR, ItSettings.OPERATOR, ItSettings.ADMIN)) {
                assertProblem(404, "There is no local CA yet.", CertgateApi.send(CertgateApi.request("/local-ca")
                        .GET(), user));
                assertProblem(404, "There is no local CA yet.", CertgateApi.send(CertgateApi.request(
                        "/local-ca/root.pem").GET(), user));
            }
            assertProblem(422, "There is no local CA to issue from yet.", issue("www." + domain));
            assertEquals(0, certificatesNamed(domain));
            assertEquals(0, localCaRows(), "no read and no refused issue made a local CA");

            // Refused creations leave nothing.
            assertEquals(403, create(ItSettings.AUDITOR, "{}").status());
            assertProblem(422, "Only an admin may create a local CA that issues for any name.",
                    create(ItSettings.OPERATOR, "{}"));
            CertgateApi.Answer suffix = create(ItSettings.OPERATOR, "{\"permittedNames\":[\"" + domain
                    + "\",\"co.uk\"]}");
            assertProblem(400, "The permitted name co.uk is a public suffix", suffix);
            assertEquals("permittedNames", suffix.body().path("errors").path(0).path("field").asText(),
                    suffix.body().toString());
            assertProblem(400, "is a single label", create(ItSettings.ADMIN, "{\"permittedNames\":[\"test\"]}"));
            assertEquals(0, localCaRows(), "nothing half-saved");

            // An operator creates it, for one domain; audited.
            long audited = Database.auditRows("local-ca", "LOCAL_CA_CREATE");
            CertgateApi.Answer created = create(ItSettings.OPERATOR, "{\"permittedNames\":[\"" + domain + "\"]}");
            assertEquals(201, created.status(), created.body().toString());
            assertEquals(List.of(domain), strings(created.body().get("permittedNames")));
            assertEquals(ItSettings.OPERATOR.name(), created.body().get("createdBy").asText());
            assertEquals(audited + 1, Database.auditRows("local-ca", "LOCAL_CA_CREATE"));
            assertEquals(created.body(), CertgateApi.send(CertgateApi.request("/local-ca").GET(),
                    ItSettings.AUDITOR).body());
            assertProblem(409, "The local CA exists already", create(ItSettings.ADMIN, "{}"));

            // Its root carries the constraint, critical.
            String rootPem = CertgateApi.text("/local-ca/root.pem");
            X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(rootPem.getBytes(StandardCharsets.US_ASCII)));
            assertTrue(root.getCriticalExtensionOIDs().contains("2.5.29.30"), "nameConstraints: " + root);

            // Inside: issued, and verifies against the root; outside or a wildcard over a public suffix: 422.
            CertgateApi.Answer inside = CertgateApi.post("/certificates/local-ca", Map.of("commonName",
                    "www." + domain, "subjectAltNames", List.of("*.app." + domain)));
            assertEquals(201, inside.status(), inside.body().toString());
            Path rootFile = Files.writeString(dir.resolve("root.pem"), rootPem);
            Path chain = Files.writeString(dir.resolve("chain.pem"), CertgateApi.text("/certificates/"
                    + inside.body().get("id").asText() + "/chain.pem"));
            String verified = Openssl.run(dir, "openssl", "verify", "-CAfile", rootFile.toString(), chain.toString());
            assertTrue(verified.contains(": OK"), verified);

            String outside = "outside-" + domain.replace('.', '-') + ".example.org";
            assertProblem(422, "The local CA may issue only for " + domain + " and the names under them, not for "
                    + outside, issue(outside));
            assertEquals(0, certificatesNamed(outside), "nothing stored");
            assertProblem(422, "co.uk is a public suffix", issue("*.co.uk"));
            assertProblem(422, "a wildcard over the single label test", issue("*.test"));
            CertgateApi.Answer ip = CertgateApi.post("/certificates/local-ca", Map.of("commonName", "ip." + domain,
                    "subjectAltNames", List.of("127.0.0.9")));
            assertProblem(422, "may not issue for the IP address 127.0.0.9", ip);
            assertEquals(1, certificatesNamed(domain), "only the one inside was stored");
        } finally {
            aside.close();
        }
        assertFalse(CertgateApi.get("/local-ca").body().path("permittedNames").toString().contains(domain),
                "the CA found is back");
    }

    /** The Certificates page with no local CA: it says so, an auditor cannot create one, an operator can. */
    @Test
    void thePageSaysNoLocalCaYetAndCreatesOneOnlyByItsButton() throws Exception {
        String domain = "page-ca-" + UUID.randomUUID().toString().substring(0, 8) + ".example.test";
        AsideRow aside = AsideRow.take();
        try {
            try (CertificatePages auditor = CertificatePages.open(ItSettings.AUDITOR, dir.resolve("a"))) {
                assertTrue(auditor.browser.findElement(By.id("localCaForm:noLocalCa")).getText()
                        .startsWith("No local CA yet."));
                assertTrue(auditor.browser.findElements(By.id("localCaForm:createLocalCa")).isEmpty(),
                        "no create button for an auditor");
                assertTrue(auditor.browser.findElements(By.id("localCaForm:downloadRoot")).isEmpty());
                auditor.assertNoConsoleErrors();
            }
            assertEquals(0, localCaRows(), "an auditor's page made no local CA");

            try (CertificatePages operator = CertificatePages.open(ItSettings.OPERATOR, dir.resolve("o"))) {
                operator.browser.findElement(By.id("localCaForm:createLocalCa")).click();
                operator.message("error", "Only an admin may create a local CA that issues for any name.");
                assertEquals(0, localCaRows());
                operator.browser.findElement(By.id("localCaForm:permittedNames")).sendKeys(domain + ", co.uk");
                operator.browser.findElement(By.id("localCaForm:createLocalCa")).click();
                operator.message("error", "The permitted name co.uk is a public suffix");
                assertEquals(0, localCaRows());

                WebElement names = operator.browser.findElement(By.id("localCaForm:permittedNames"));
                names.clear();
                names.sendKeys(domain);
                operator.browser.findElement(By.id("localCaForm:createLocalCa")).click();
                operator.message("info", "Created the local CA ");
                assertEquals(domain + " and the names under them", operator.wait.until(
                        ExpectedConditions.visibilityOfElementLocated(By.id("localCaForm:localCaPermitted")))
                        .getText());
                assertEquals(1, localCaRows());
                operator.browser.findElement(By.id("localCaForm:downloadRoot")).click();
                assertTrue(Files.readString(operator.downloaded("certgate-local-ca.pem"))
                        .startsWith("-----BEGIN CERTIFICATE-----"));
                operator.assertNoConsoleErrors();
            }
        } finally {
            aside.close();
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    /** The local_ca row found at the start, deleted from the table and inserted again at the end (if there was one). */
    private static final class AsideRow implements AutoCloseable {

        private final Map<String, Object> row;

        private AsideRow(Map<String, Object> row) {
            this.row = row;
        }

        static AsideRow take() throws SQLException {
            Map<String, Object> found = null;
            try (Connection c = Database.connect();
                 PreparedStatement read = c.prepareStatement("SELECT * FROM local_ca");
                 ResultSet rs = read.executeQuery()) {
                if (rs.next()) {
                    found = new LinkedHashMap<>();
                    ResultSetMetaData meta = rs.getMetaData();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        found.put(meta.getColumnName(i), rs.getObject(i));
                    }
                }
            }
            Database.update("DELETE FROM local_ca WHERE id <> ?", "");
            return new AsideRow(found);
        }

        @Override
        public void close() throws SQLException {
            Database.update("DELETE FROM local_ca WHERE id <> ?", "");
            if (row == null) {
                return;
            }
            String columns = String.join(", ", row.keySet());
            String marks = String.join(", ", row.keySet().stream().map(column -> "?").toList());
            try (Connection c = Database.connect();
                 PreparedStatement insert = c.prepareStatement("INSERT INTO local_ca (" + columns + ") VALUES ("
                         + marks + ")")) {
                int i = 1;
                for (Object value : row.values()) {
                    insert.setObject(i++, value);
                }
                insert.executeUpdate();
            }
        }
    }
}
