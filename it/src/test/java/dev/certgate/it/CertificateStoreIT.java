package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The certificate store through its real interfaces: REST, the gateway's TLS port, and the database. */
class CertificateStoreIT {

    @TempDir
    Path dir;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    @Test
    void selfSignedIsStoredServedAndAudited() throws Exception {
        String name = unique("self");
        CertgateApi.Answer answer = CertgateApi.post("/certificates/self-signed",
                Map.of("commonName", name, "subjectAltNames", List.of("www." + name, "127.0.0.2"),
                        "keyType", "RSA_2048", "validityDays", 30));
        assertEquals(201, answer.status(), answer.body().toString());
        JsonNode c = answer.body();
        assertEquals("SELF_SIGNED", c.get("source").asText());
        assertEquals("RSA", c.get("keyAlgorithm").asText());
        assertEquals(2048, c.get("keySize").asInt());
        assertTrue(c.get("selfSigned").asBoolean());
        assertEquals(List.of(name, "www." + name, "127.0.0.2"), strings(c.get("subjectAltNames")));

        X509Certificate served = TlsProbe.leafFor("www." + name);
        assertEquals(c.get("fingerprintSha256").asText(), TlsProbe.sha256(served));
        assertEquals(1, Database.auditRows(c.get("id").asText(), "CERTIFICATE_SELF_SIGN"));
        assertEquals(ItSettings.OPERATOR.name(), c.get("createdBy").asText());
    }

    @Test
    void localCaIssuesCertificatesThatVerifyAgainstItsRoot() throws Exception {
        CertgateApi.ensureLocalCa(); // made only on request (LocalCaIT)
        String name = unique("local");
        CertgateApi.Answer answer = CertgateApi.post("/certificates/local-ca", Map.of("commonName", name));
        assertEquals(201, answer.status(), answer.body().toString());
        assertEquals("LOCAL_CA", answer.body().get("source").asText());
        assertEquals(2, answer.body().get("chainLength").asInt());
        String id = answer.body().get("id").asText();
        assertEquals(1, Database.auditRows(id, "CERTIFICATE_LOCAL_CA_ISSUE"));

        String rootPem = CertgateApi.text("/local-ca/root.pem");
        assertEquals(rootPem, CertgateApi.text("/local-ca/root.pem"), "one CA per installation");
        Path root = Files.writeString(dir.resolve("root.pem"), rootPem);
        Path chain = Files.writeString(dir.resolve("chain.pem"), CertgateApi.text("/certificates/" + id + "/chain.pem"));
        String verified = Openssl.run(dir, "openssl", "verify", "-CAfile", root.toString(), chain.toString());
        assertTrue(verified.contains(": OK"), verified);

        // A client that trusts only the root accepts the gateway's certificate for the name.
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(rootPem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1",
                ItSettings.GATEWAY_PORT)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(name)));
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake(); // throws if the chain or the name does not verify
        }
    }

    @Test
    void editKeepsTheIdAndTheGatewayServesTheNewCertificate() throws Exception {
        String name = unique("edit");
        Openssl.Pair first = Openssl.selfSigned(dir, name, "ec");
        JsonNode stored = CertgateApi.importPem(first.certificatePem(), first.keyPem()).body();
        String id = stored.get("id").asText();
        assertEquals(1, Database.auditRows(id, "CERTIFICATE_IMPORT"));

        Files.createDirectories(dir.resolve("second"));
        Openssl.Pair second = Openssl.selfSigned(dir.resolve("second"), name, "rsa");
        CertgateApi.Answer replaced = CertgateApi.put("/certificates/" + id, Map.of(
                "certificate", second.certificatePem(), "privateKey", second.keyPem(),
                "version", stored.get("version").asLong(), "description", "renewed"));
        assertEquals(200, replaced.status(), replaced.body().toString());
        assertEquals(id, replaced.body().get("id").asText());
        assertEquals("renewed", replaced.body().get("description").asText());
        assertNotEquals(stored.get("fingerprintSha256").asText(), replaced.body().get("fingerprintSha256").asText());
        assertEquals(TlsProbe.sha256(TlsProbe.read(second.certificate())), TlsProbe.sha256(TlsProbe.leafFor(name)));
        assertEquals(1, Database.auditRows(id, "CERTIFICATE_REPLACE"));

        // The version read first is stale now.
        CertgateApi.Answer stale = CertgateApi.put("/certificates/" + id, Map.of(
                "certificate", first.certificatePem(), "privateKey", first.keyPem(),
                "version", stored.get("version").asLong()));
        assertEquals(409, stale.status(), stale.body().toString());
        assertTrue(stale.body().get("detail").asText().contains("was changed by someone else"));
    }

    @Test
    void twoConcurrentEditsOneWinsTheOtherIsToldSo() throws Exception {
        String name = unique("race");
        Openssl.Pair original = Openssl.selfSigned(dir, name, "ec");
        JsonNode stored = CertgateApi.importPem(original.certificatePem(), original.keyPem()).body();
        String id = stored.get("id").asText();
        long version = stored.get("version").asLong();
        List<Openssl.Pair> replacements = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            replacements.add(Openssl.selfSigned(Files.createDirectories(dir.resolve("r" + i)), name, "ec"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<CertgateApi.Answer>> answers = new ArrayList<>();
            for (Openssl.Pair pair : replacements) {
                Callable<CertgateApi.Answer> edit = () -> CertgateApi.put("/certificates/" + id, Map.of(
                        "certificate", pair.certificatePem(), "privateKey", pair.keyPem(), "version", version));
                answers.add(pool.submit(edit));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<CertgateApi.Answer> answer : answers) {
                statuses.add(answer.get().status());
            }
            statuses.sort(null);
            assertEquals(List.of(200, 409), statuses);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, Database.auditRows(id, "CERTIFICATE_REPLACE"), "exactly one edit happened");
    }

    @Test
    void deleteRemovesItFromTheStoreAndTheGateway() throws Exception {
        String name = unique("delete");
        Openssl.Pair pair = Openssl.selfSigned(dir, name, "ec");
        String id = CertgateApi.importPem(pair.certificatePem(), pair.keyPem()).body().get("id").asText();
        TlsProbe.leafFor(name);

        assertEquals(204, CertgateApi.delete("/certificates/" + id).status());
        assertEquals(404, CertgateApi.get("/certificates/" + id).status());
        assertEquals(404, CertgateApi.delete("/certificates/" + id).status());
        TlsProbe.assertRefused(name);
        assertEquals(0, Database.count("SELECT COUNT(*) FROM certificate_name WHERE name = ?", name));
        assertEquals(1, Database.auditRows(id, "CERTIFICATE_DELETE"));
    }

    @Test
    void theSameCertificateTwiceIsPointedToTheStoredOne() throws Exception {
        String name = unique("twice");
        Openssl.Pair pair = Openssl.selfSigned(dir, name, "ec");
        String id = CertgateApi.importPem(pair.certificatePem(), pair.keyPem()).body().get("id").asText();
        CertgateApi.Answer again = CertgateApi.importPem(pair.certificatePem(), pair.keyPem());
        assertEquals(409, again.status());
        assertEquals("This certificate for " + name + " is already stored (id " + id + ").",
                again.body().get("detail").asText());
    }

    @Test
    void exportsThePublicChain() throws Exception {
        String name = unique("export");
        Openssl.Pair pair = Openssl.selfSigned(dir, name, "ec");
        String id = CertgateApi.importPem(pair.certificatePem(), pair.keyPem()).body().get("id").asText();
        String pem = CertgateApi.text("/certificates/" + id + "/chain.pem");
        assertEquals(TlsProbe.read(pair.certificate()), CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        assertTrue(!pem.contains("PRIVATE KEY"));
        JsonNode view = CertgateApi.get("/certificates/" + id).body();
        assertTrue(!view.toString().contains("PRIVATE KEY") && !view.has("privateKey"));
    }

    @Test
    void listsFilterSortAndPage() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            assertEquals(201, CertgateApi.post("/certificates/self-signed", Map.of(
                    "commonName", "list" + i + "-" + marker + ".test", "validityDays", 10 + i)).status());
        }
        JsonNode page = CertgateApi.get("/certificates?q=" + marker + "&size=2&sort=notAfter,desc").body();
        assertEquals(3, page.get("total").asInt());
        assertEquals(2, page.get("items").size());
        assertEquals("list2-" + marker + ".test", page.get("items").get(0).get("commonName").asText());
        JsonNode second = CertgateApi.get("/certificates?q=" + marker + "&size=2&page=1&sort=notAfter,desc").body();
        assertEquals("list0-" + marker + ".test", second.get("items").get(0).get("commonName").asText());

        assertEquals(2, CertgateApi.get("/certificates?q=" + marker + "&expiringWithinDays=11").body()
                .get("total").asInt());
        assertEquals(3, CertgateApi.get("/certificates?q=" + marker.toUpperCase() + "&source=SELF_SIGNED").body()
                .get("total").asInt());
        assertEquals(0, CertgateApi.get("/certificates?q=" + marker + "&source=ACME").body().get("total").asInt());

        CertgateApi.Answer badSort = CertgateApi.get("/certificates?sort=privateKey,asc");
        assertEquals(400, badSort.status());
        assertEquals("Sort by notAfter, commonName or createdAt, then asc or desc (for example notAfter,asc), not "
                + "'privateKey,asc'.", badSort.body().get("detail").asText());
        assertEquals(400, CertgateApi.get("/certificates?size=100000").status());
    }

    @Test
    void encryptedKeysNeedTheirPassphrase() throws Exception {
        String name = unique("encrypted");
        Openssl.Pair pair = Openssl.selfSigned(dir, name, "ec");
        Path encrypted = dir.resolve("encrypted.key.pem");
        Openssl.run(dir, "openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", pair.key().toString(),
                "-passout", "pass:correct horse", "-out", encrypted.toString());
        String keyPem = Files.readString(encrypted);

        CertgateApi.Answer wrong = CertgateApi.post("/certificates", Map.of("certificate", pair.certificatePem(),
                "privateKey", keyPem, "passphrase", "battery staple"));
        assertEquals(400, wrong.status(), wrong.body().toString());
        assertEquals("The passphrase does not open the private key. Enter the passphrase the key was encrypted "
                + "with.", wrong.body().get("detail").asText());
        assertEquals("passphrase", wrong.body().get("errors").get(0).get("field").asText());

        CertgateApi.Answer right = CertgateApi.post("/certificates", Map.of("certificate", pair.certificatePem(),
                "privateKey", keyPem, "passphrase", "correct horse"));
        assertEquals(201, right.status(), right.body().toString());
        assertEquals(right.body().get("fingerprintSha256").asText(), TlsProbe.sha256(TlsProbe.leafFor(name)));
    }

    @Test
    void pkcs12FilesAreImportedWithTheirPassword() throws Exception {
        String name = unique("pfx");
        Openssl.Pair pair = Openssl.selfSigned(dir, name, "rsa");
        Path p12 = dir.resolve("bundle.p12");
        Openssl.run(dir, "openssl", "pkcs12", "-export", "-inkey", pair.key().toString(), "-in",
                pair.certificate().toString(), "-passout", "pass:s3cret", "-out", p12.toString());
        String base64 = java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(p12));

        CertgateApi.Answer wrong = CertgateApi.post("/certificates/pkcs12", Map.of("pkcs12", base64,
                "password", "guess"));
        assertEquals(400, wrong.status(), wrong.body().toString());
        assertEquals("The password does not open the PKCS#12 file. Enter the password it was exported with.",
                wrong.body().get("detail").asText());

        CertgateApi.Answer imported = CertgateApi.post("/certificates/pkcs12", Map.of("pkcs12", base64,
                "password", "s3cret", "description", "from a .pfx"));
        assertEquals(201, imported.status(), imported.body().toString());
        assertEquals("from a .pfx", imported.body().get("description").asText());
        assertEquals(TlsProbe.sha256(TlsProbe.read(pair.certificate())), TlsProbe.sha256(TlsProbe.leafFor(name)));
    }

    @Test
    void aHugeUploadIsRefusedEarly() throws Exception {
        CertgateApi.Answer answer = CertgateApi.post("/certificates", Map.of(
                "certificate", "A".repeat(300 * 1024), "privateKey", "B"));
        assertEquals(413, answer.status(), answer.body().toString());
        assertTrue(answer.body().get("detail").asText().startsWith("The certificate chain is too large"),
                answer.body().toString());
    }

    @Test
    void onlyAnAdminExportsTheKeyAndItIsAudited() throws Exception {
        String name = unique("p12-export");
        Openssl.Pair pair = Openssl.selfSigned(dir, name, "ec");
        String id = CertgateApi.importPem(pair.certificatePem(), pair.keyPem()).body().get("id").asText();
        String body = CertgateApi.json(Map.of("password", "export-password-1"));

        CertgateApi.Answer operator = CertgateApi.send(CertgateApi.request("/certificates/" + id + "/pkcs12")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)),
                ItSettings.OPERATOR);
        assertEquals(403, operator.status());
        CertgateApi.Answer shortPassword = CertgateApi.send(CertgateApi.request("/certificates/" + id + "/pkcs12")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CertgateApi.json(Map.of("password", "short")))),
                ItSettings.ADMIN);
        assertEquals(400, shortPassword.status());

        java.net.http.HttpResponse<byte[]> exported = java.net.http.HttpClient.newHttpClient().send(
                CertgateApi.request("/certificates/" + id + "/pkcs12")
                        .header("Content-Type", "application/json")
                        .header("Authorization", ItSettings.ADMIN.basic())
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, exported.statusCode());
        Path p12 = Files.write(dir.resolve("exported.p12"), exported.body());
        // openssl opens it with the password, and the key in it is the certificate's key
        String keyFromP12 = Openssl.run(dir, "openssl", "pkcs12", "-in", p12.toString(), "-passin",
                "pass:export-password-1", "-nocerts", "-nodes");
        Path exportedKey = Files.writeString(dir.resolve("exported.key.pem"), keyFromP12);
        assertEquals(Openssl.run(dir, "openssl", "pkey", "-in", pair.key().toString(), "-pubout"),
                Openssl.run(dir, "openssl", "pkey", "-in", exportedKey.toString(), "-pubout"));
        assertEquals(1, Database.auditRows(id, "CERTIFICATE_EXPORT_PKCS12"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
