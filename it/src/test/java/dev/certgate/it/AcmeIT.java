package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ACME against a real CA: Pebble (started by bin/test) validates through the gateway's real ports, with no
 * always-valid shortcut; the gateway then serves what was issued, by SNI.
 */
class AcmeIT {

    private static final Duration ISSUANCE = Duration.ofSeconds(90);

    /** Every test needs the account; saving the same one again is harmless (same key, same account). */
    @BeforeAll
    static void account() throws Exception {
        CertgateApi.Answer saved = putAccount(Map.of("directoryUrl", ItSettings.ACME_DIRECTORY,
                "email", "certgate-it@certgate.test", "termsAgreed", true));
        assertEquals(200, saved.status(), saved.body().toString());
    }

    static CertgateApi.Answer putAccount(Map<String, ?> body) throws Exception {
        return CertgateApi.send(CertgateApi.request("/acme/account").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(CertgateApi.json(body))), ItSettings.ADMIN);
    }

    /** Saves the account every ACME test expects (this directory, the tests' contact, terms agreed), as the admin. */
    static CertgateApi.Answer saveAccount(String directory) throws Exception {
        return putAccount(Map.of("directoryUrl", directory, "email", "certgate-it@certgate.test",
                "termsAgreed", true));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".acme.test";
    }

    /** An application with one ACME domain; returns its id. */
    static String application(String domain, String challenge) throws Exception {
        Map<String, Object> binding = new HashMap<>();
        binding.put("name", domain);
        binding.put("acme", Map.of("challenge", challenge));
        binding.put("redirectHttps", false);
        binding.put("hsts", false);
        CertgateApi.Answer created = CertgateApi.post("/applications", Map.of("name", domain,
                "backends", List.of("http://127.0.0.1:9"), "domains", List.of(binding)));
        assertEquals(201, created.status(), created.body().toString());
        return created.body().get("id").asText();
    }

    /** The domain's ACME state once {@code until} holds, failing after {@code within}. */
    static JsonNode await(String domain, Predicate<JsonNode> until, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            CertgateApi.Answer answer = CertgateApi.get("/acme/domains");
            assertEquals(200, answer.status(), answer.body().toString());
            for (JsonNode state : answer.body()) {
                if (state.get("domain").asText().equals(domain)) {
                    last = state;
                    if (until.test(state)) {
                        return state;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the ACME state of " + domain + " did not get there in " + within + "; last: "
                + last);
    }

    static JsonNode awaitValid(String domain) throws Exception {
        JsonNode state = await(domain, s -> s.get("state").asText().equals("VALID"), ISSUANCE);
        servedOnceRefreshed(domain, state.get("certificateId").asText());
        return state;
    }

    /**
     * The leaf the gateway serves for {@code domain} once it serves the stored certificate {@code certificateId}:
     * the gateway's snapshot is rebuilt just after the commit that the REST API already shows.
     */
    static X509Certificate servedOnceRefreshed(String domain, String certificateId) throws Exception {
        String fingerprint = CertgateApi.get("/certificates/" + certificateId).body().get("fingerprintSha256")
                .asText().toLowerCase().replace(":", "");
        String serverName = domain.startsWith("*.") ? "www" + domain.substring(1) : domain;
        Instant deadline = Instant.now().plusSeconds(10);
        X509Certificate served = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                served = TlsProbe.leafFor(serverName);
                if (TlsProbe.sha256(served).equals(fingerprint)) {
                    return served;
                }
            } catch (javax.net.ssl.SSLException notYet) {
                // no certificate for the name until the snapshot is rebuilt
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the gateway does not serve the certificate " + certificateId + " for " + domain
                + (served == null ? "" : "; it serves " + served.getSubjectX500Principal()));
    }

    @Test
    void theAccountIsShownWithTheCasTermsAndNeverAKey() throws Exception {
        CertgateApi.Answer account = CertgateApi.get("/acme/account");
        assertEquals(200, account.status(), account.body().toString());
        assertEquals(ItSettings.ACME_DIRECTORY, account.body().get("directoryUrl").asText());
        assertEquals("certgate-it@certgate.test", account.body().get("email").asText());
        assertTrue(account.body().get("termsAgreed").asBoolean());
        assertEquals("VALID", account.body().get("status").asText());
        assertTrue(account.body().get("termsOfService").asText().startsWith("data:"), "Pebble's terms: "
                + account.body());
        assertTrue(Database.count("SELECT COUNT(*) FROM acme_account WHERE directory_url = ? AND kek_id IS NOT NULL",
                ItSettings.ACME_DIRECTORY) == 1, "the account key is sealed");
        assertTrue(Database.count("SELECT COUNT(*) FROM audit_event WHERE action = ?", "ACME_ACCOUNT_SAVE") >= 1,
                "saving the account is audited");
    }

    @Test
    void badAccountInputIsRefusedWithAClearMessage() throws Exception {
        CertgateApi.Answer noUrl = putAccount(Map.of("termsAgreed", true));
        assertEquals(400, noUrl.status(), noUrl.body().toString());
        assertEquals("directoryUrl", noUrl.body().get("errors").get(0).get("field").asText());

        CertgateApi.Answer plainHttp = putAccount(Map.of("directoryUrl", "http://127.0.0.1:1/dir",
                "termsAgreed", true));
        assertEquals(400, plainHttp.status(), plainHttp.body().toString());

        CertgateApi.Answer notAgreed = putAccount(Map.of("directoryUrl", ItSettings.ACME_DIRECTORY,
                "termsAgreed", false));
        assertEquals(400, notAgreed.status(), notAgreed.body().toString());
        assertEquals("termsAgreed", notAgreed.body().get("errors").get(0).get("field").asText());
        assertTrue(notAgreed.body().get("detail").asText().contains("data:text/plain"),
                "names the CA's terms: " + notAgreed.body());

        CertgateApi.Answer unreachable = putAccount(Map.of("directoryUrl", "https://127.0.0.1:1/dir",
                "termsAgreed", true));
        assertEquals(503, unreachable.status(), unreachable.body().toString());
        assertTrue(unreachable.body().get("detail").asText().contains("cannot be read"), unreachable.body().toString());

        CertgateApi.Answer halfEab = putAccount(Map.of("directoryUrl", ItSettings.ACME_DIRECTORY,
                "termsAgreed", true, "eabKeyId", "kid-1"));
        assertEquals(400, halfEab.status(), halfEab.body().toString());
        CertgateApi.Answer badEab = putAccount(Map.of("directoryUrl", ItSettings.ACME_DIRECTORY,
                "termsAgreed", true, "eabKeyId", "kid-1", "eabHmacKey", "not base64url!"));
        assertEquals(400, badEab.status(), badEab.body().toString());
        assertEquals("eabHmacKey", badEab.body().get("errors").get(0).get("field").asText());

        CertgateApi.Answer byOperator = CertgateApi.put("/acme/account", Map.of(
                "directoryUrl", ItSettings.ACME_DIRECTORY, "termsAgreed", true));
        assertEquals(403, byOperator.status(), "only admins change the account");

        assertEquals(ItSettings.ACME_DIRECTORY, CertgateApi.get("/acme/account").body().get("directoryUrl").asText(),
                "nothing refused was kept");
    }

    @Test
    void theAccountKeyRollsOverAndTheAccountCanBeDeactivatedAndReplaced() throws Exception {
        String keyBefore = sealedAccountKey();
        CertgateApi.Answer rolled = CertgateApi.send(CertgateApi.request("/acme/account/key-rollover")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()),
                ItSettings.ADMIN);
        assertEquals(200, rolled.status(), rolled.body().toString());
        assertNotEquals(keyBefore, sealedAccountKey(), "a new key is sealed");
        String domain = unique("rolled");
        application(domain, "HTTP_01");
        awaitValid(domain); // the CA knows the account by its new key

        CertgateApi.Answer deactivated = CertgateApi.send(CertgateApi.request("/acme/account").DELETE(),
                ItSettings.ADMIN);
        assertEquals(200, deactivated.status(), deactivated.body().toString());
        assertEquals("DEACTIVATED", CertgateApi.get("/acme/account").body().get("status").asText());
        assertEquals(403, CertgateApi.delete("/acme/account").status(), "only admins");

        account(); // saving again registers a new account (a deactivated one cannot come back)
        assertEquals("VALID", CertgateApi.get("/acme/account").body().get("status").asText());
        assertNotEquals(keyBefore, sealedAccountKey());
    }

    @Test
    void theAccountKeyTypeIsChosenAndChangingItRollsTheSameAccountOver() throws Exception {
        String accountUrl = accountUrl();
        try {
            CertgateApi.Answer rsa = putAccount(Map.of("directoryUrl", ItSettings.ACME_DIRECTORY,
                    "email", "certgate-it@certgate.test", "termsAgreed", true, "keyType", "RSA_2048"));
            assertEquals(200, rsa.status(), rsa.body().toString());
            assertEquals("RSA_2048", rsa.body().get("keyType").asText());
            assertEquals(accountUrl, accountUrl(), "the same account, rolled over to an RSA key");
            assertTrue(sealedAccountKey().startsWith("MIIBIjANBgkqhkiG9w0BAQEF"), "an RSA 2048 public key is kept");
            String domain = unique("rsa-account");
            application(domain, "HTTP_01");
            awaitValid(domain); // the CA takes orders signed with the new key

            CertgateApi.Answer kept = putAccount(Map.of("directoryUrl", ItSettings.ACME_DIRECTORY,
                    "email", "certgate-it@certgate.test", "termsAgreed", true));
            assertEquals("RSA_2048", kept.body().get("keyType").asText(), "no key type given: the key is kept");

            CertgateApi.Answer bad = putAccount(Map.of("directoryUrl", ItSettings.ACME_DIRECTORY,
                    "termsAgreed", true, "keyType", "DSA_1024"));
            assertEquals(400, bad.status(), bad.body().toString());
            assertEquals("keyType", bad.body().get("errors").get(0).get("field").asText());
            assertTrue(bad.body().get("detail").asText().contains("EC_P256"), bad.body().toString());
            assertEquals("RSA_2048", CertgateApi.get("/acme/account").body().get("keyType").asText(),
                    "nothing refused was kept");
        } finally {
            CertgateApi.Answer back = putAccount(Map.of("directoryUrl", ItSettings.ACME_DIRECTORY,
                    "email", "certgate-it@certgate.test", "termsAgreed", true, "keyType", "EC_P256"));
            assertEquals(200, back.status(), back.body().toString());
            assertEquals("EC_P256", back.body().get("keyType").asText());
        }
    }

    private static String accountUrl() throws Exception {
        try (var c = Database.connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT account_url FROM acme_account")) {
            assertTrue(rs.next(), "an account row");
            return rs.getString(1);
        }
    }

    private static String sealedAccountKey() throws Exception {
        try (var c = Database.connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT public_key FROM acme_account")) {
            assertTrue(rs.next(), "an account row");
            return rs.getString(1);
        }
    }

    @Test
    void anHttp01DomainGetsACertificateThroughTheGatewayAndItIsServedBySni() throws Exception {
        String domain = unique("http01");
        application(domain, "HTTP_01");
        JsonNode state = awaitValid(domain);
        String certificateId = state.get("certificateId").asText();

        JsonNode certificate = CertgateApi.get("/certificates/" + certificateId).body();
        assertEquals("ACME", certificate.get("source").asText());
        assertEquals(domain, certificate.get("subjectAltNames").get(0).asText());
        assertTrue(certificate.get("issuer").asText().contains("Pebble"), certificate.toString());
        assertEquals(List.of(domain), List.of(certificate.get("usedBy").get(0).asText()));

        X509Certificate served = TlsProbe.leafFor(domain);
        assertEquals(certificate.get("fingerprintSha256").asText().toLowerCase().replace(":", ""),
                TlsProbe.sha256(served));
        assertTrue(Database.auditRows(certificateId, "ACME_ISSUE") == 1);
    }

    @Test
    void aTlsAlpn01DomainGetsACertificateThroughTheGatewaysHttpsPort() throws Exception {
        String domain = unique("alpn");
        application(domain, "TLS_ALPN_01");
        JsonNode state = awaitValid(domain);
        JsonNode certificate = CertgateApi.get("/certificates/" + state.get("certificateId").asText()).body();
        assertEquals("ACME", certificate.get("source").asText());
        assertEquals(domain, certificate.get("subjectAltNames").get(0).asText());
        assertEquals(0, Database.count("SELECT COUNT(*) FROM acme_challenge WHERE domain = ?", domain),
                "the challenge answer is withdrawn");
    }

    @Test
    void renewNowReplacesTheCertificateInPlaceAndTheGatewayServesTheNewOne() throws Exception {
        String domain = unique("renew");
        application(domain, "HTTP_01");
        JsonNode first = awaitValid(domain);
        String certificateId = first.get("certificateId").asText();
        String firstSerial = TlsProbe.leafFor(domain).getSerialNumber().toString(16);

        CertgateApi.Answer accepted = CertgateApi.post("/acme/domains/" + domain + "/renew", Map.of());
        assertEquals(202, accepted.status(), accepted.body().toString());
        JsonNode second = await(domain, s -> s.get("state").asText().equals("VALID") && !s.get("lastAttempt")
                .asText().equals(first.get("lastAttempt").asText()), ISSUANCE);

        String secondSerial = servedOnceRefreshed(domain, second.get("certificateId").asText()).getSerialNumber()
                .toString(16);
        assertNotEquals(firstSerial, secondSerial, "a new certificate is served");
        assertEquals(certificateId, await(domain, s -> true, ISSUANCE).get("certificateId").asText(),
                "replaced in place: the binding never changed");

        assertEquals(404, CertgateApi.post("/acme/domains/" + unique("unknown") + "/renew", Map.of()).status());
    }

    @Test
    void aFailedRenewalKeepsTheCertificateAndRecordsItsCause() throws Exception {
        String domain = unique("failing");
        application(domain, "HTTP_01");
        awaitValid(domain);
        X509Certificate before = TlsProbe.leafFor(domain);

        // Pebble's DNS now sends its validator to an address where nothing answers.
        Pebble.addA(domain, "127.0.0.2");
        try {
            assertEquals(202, CertgateApi.post("/acme/domains/" + domain + "/renew", Map.of()).status());
            JsonNode failing = await(domain, s -> s.get("state").asText().equals("FAILING"), ISSUANCE);
            assertEquals("CONNECTION", failing.get("errorCause").asText(), failing.toString());
            assertTrue(failing.get("lastError").asText().contains(domain), failing.toString());
            assertEquals(1, failing.get("failureCount").asInt());
            assertTrue(Instant.parse(failing.get("nextAttempt").asText()).isAfter(Instant.now()),
                    "a next attempt is scheduled");
            assertEquals(TlsProbe.sha256(before), TlsProbe.sha256(TlsProbe.leafFor(domain)),
                    "the current certificate is still served");

            // Once the name is reachable again, the scheduled retry (a timer, no one asks) gets a new certificate.
            Pebble.clearA(domain);
            JsonNode recovered = await(domain, s -> s.get("state").asText().equals("VALID"),
                    Duration.between(Instant.now(), Instant.parse(failing.get("nextAttempt").asText()))
                            .plus(ISSUANCE));
            assertEquals(0, recovered.get("failureCount").asInt());
            assertTrue(!recovered.has("lastError") || recovered.get("lastError").isNull(), recovered.toString());
            assertNotEquals(TlsProbe.sha256(before), TlsProbe.sha256(servedOnceRefreshed(domain,
                    recovered.get("certificateId").asText())));
        } finally {
            Pebble.clearA(domain);
        }
    }

    @Test
    void anRsaDomainGetsAnRsa2048Certificate() throws Exception {
        String domain = unique("rsa");
        Map<String, Object> binding = new HashMap<>();
        binding.put("name", domain);
        binding.put("acme", Map.of("challenge", "HTTP_01", "keyType", "RSA_2048"));
        binding.put("redirectHttps", false);
        binding.put("hsts", false);
        CertgateApi.Answer created = CertgateApi.post("/applications", Map.of("name", domain,
                "backends", List.of("http://127.0.0.1:9"), "domains", List.of(binding)));
        assertEquals(201, created.status(), created.body().toString());
        JsonNode certificate = CertgateApi.get("/certificates/" + awaitValid(domain).get("certificateId").asText())
                .body();
        assertEquals("RSA", certificate.get("keyAlgorithm").asText(), certificate.toString());
        assertEquals(2048, certificate.get("keySize").asInt(), certificate.toString());
        assertEquals("RSA", TlsProbe.leafFor(domain).getPublicKey().getAlgorithm());
    }

    @Test
    void aDomainAnotherNodeIsOrderingForIsLeftAloneUntilItsLeaseEnds() throws Exception {
        String domain = unique("leased");
        application(domain, "HTTP_01");
        JsonNode issued = awaitValid(domain);
        String serial = TlsProbe.leafFor(domain).getSerialNumber().toString(16);

        // Another node takes the domain's lease, as its worker does (a conditional update of the row); it holds it
        // for its usual 10 minutes.
        assertEquals(1, Database.update("UPDATE acme_domain SET lease_owner = 'other-node/12345678', lease_expires = "
                + "DATE_ADD(next_attempt, INTERVAL 1 DAY) WHERE domain = ? AND lease_owner IS NULL", domain));
        assertEquals(202, CertgateApi.post("/acme/domains/" + domain + "/renew", Map.of()).status());
        Thread.sleep(4_000); // an order takes about a second here: long enough to see one that should not happen
        JsonNode meanwhile = await(domain, s -> true, ISSUANCE);
        assertEquals(issued.get("lastAttempt").asText(), meanwhile.get("lastAttempt").asText(),
                "no attempt while another node holds the lease: " + meanwhile);
        assertEquals(serial, TlsProbe.leafFor(domain).getSerialNumber().toString(16));
        assertEquals(1, Database.count("SELECT COUNT(*) FROM acme_domain WHERE domain = ? AND lease_owner = "
                + "'other-node/12345678'", domain), "the other node's lease is left alone");

        // That node died: once its lease has run out, this one orders.
        assertEquals(1, Database.update("UPDATE acme_domain SET lease_expires = '2000-01-01 00:00:00' WHERE domain = ?",
                domain));
        assertEquals(202, CertgateApi.post("/acme/domains/" + domain + "/renew", Map.of()).status());
        JsonNode renewed = await(domain, s -> s.get("state").asText().equals("VALID") && !s.get("lastAttempt")
                .asText().equals(issued.get("lastAttempt").asText()), ISSUANCE);
        assertNotEquals(serial, servedOnceRefreshed(domain, renewed.get("certificateId").asText())
                .getSerialNumber().toString(16));
        assertEquals(0, Database.count("SELECT COUNT(*) FROM acme_domain WHERE domain = ? AND lease_owner IS NOT NULL",
                domain), "the lease is let go after the order");
    }

    @Test
    void aNameTheCaRefusesIsRecordedWithTheCasProblemTypeAndMessage() throws Exception {
        // bin/test's Pebble has blocked.acme.test on its block list (and the names under it)
        String domain = "x-" + UUID.randomUUID().toString().substring(0, 8) + ".blocked.acme.test";
        application(domain, "HTTP_01");
        JsonNode failing = await(domain, s -> s.get("state").asText().equals("FAILING"), ISSUANCE);
        assertEquals("CA", failing.get("errorCause").asText(), failing.toString());
        String error = failing.get("lastError").asText();
        assertTrue(error.contains("urn:ietf:params:acme:error:rejectedIdentifier"), "the CA's problem type: " + error);
        assertTrue(error.contains(domain) && error.contains("block"), "the CA's message: " + error);
        assertTrue(!failing.has("certificateId") || failing.get("certificateId").isNull(), failing.toString());
        assertEquals(1, failing.get("failureCount").asInt());
        assertTrue(Instant.parse(failing.get("nextAttempt").asText()).isAfter(Instant.now()), "retried later");
    }

    @Test
    void aWrongChallengeAnswerIsTheCasUnauthorizedProblemAndTheCertificateIsKept() throws Exception {
        String domain = unique("wrong-answer");
        application(domain, "HTTP_01");
        awaitValid(domain);
        X509Certificate before = TlsProbe.leafFor(domain);

        // Pebble's DNS now sends its validator to another web server on the gateway's HTTP port, which answers every
        // challenge with something else (as when the name points at the wrong machine).
        HttpServer elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.3", ItSettings.GATEWAY_HTTP_PORT), 0);
        elsewhere.createContext("/", exchange -> {
            byte[] body = "not the key authorization".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        elsewhere.start();
        Pebble.addA(domain, "127.0.0.3");
        try {
            assertEquals(202, CertgateApi.post("/acme/domains/" + domain + "/renew", Map.of()).status());
            JsonNode failing = await(domain, s -> s.get("state").asText().equals("FAILING"), ISSUANCE);
            assertEquals("CA", failing.get("errorCause").asText(), failing.toString());
            String error = failing.get("lastError").asText();
            assertTrue(error.contains("urn:ietf:params:acme:error:unauthorized") && error.contains(domain),
                    "the CA's problem type and message: " + error);
            assertTrue(Instant.parse(failing.get("nextAttempt").asText()).isAfter(Instant.now()), "retried later");
            assertEquals(TlsProbe.sha256(before), TlsProbe.sha256(TlsProbe.leafFor(domain)),
                    "the current certificate is still served");
        } finally {
            Pebble.clearA(domain);
            elsewhere.stop(0);
        }
    }

    @Test
    void aRevokedCertificateIsRevokedAtTheCaAndReplaced() throws Exception {
        String domain = unique("revoke");
        application(domain, "HTTP_01");
        JsonNode issued = awaitValid(domain);
        String certificateId = issued.get("certificateId").asText();
        X509Certificate before = TlsProbe.leafFor(domain);
        String serial = before.getSerialNumber().toString(16);
        assertTrue(Pebble.certificateStatus(serial).contains("Valid"), Pebble.certificateStatus(serial));

        CertgateApi.Answer byOperator = CertgateApi.post("/certificates/" + certificateId + "/revoke",
                Map.of("reason", "superseded"));
        assertEquals(403, byOperator.status(), "only admins revoke");
        CertgateApi.Answer revoked = CertgateApi.send(CertgateApi.request("/certificates/" + certificateId
                        + "/revoke").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"superseded\"}")), ItSettings.ADMIN);
        assertEquals(204, revoked.status(), revoked.body().toString());
        assertTrue(Pebble.certificateStatus(serial).contains("Revoked"), Pebble.certificateStatus(serial));
        assertEquals(1, Database.auditRows(certificateId, "CERTIFICATE_REVOKE"));

        JsonNode reissued = await(domain, s -> s.get("state").asText().equals("VALID") && !s.get("lastAttempt")
                .asText().equals(issued.get("lastAttempt").asText()), ISSUANCE);
        assertNotEquals(serial, servedOnceRefreshed(domain, reissued.get("certificateId").asText())
                .getSerialNumber().toString(16), "a new certificate replaced the revoked one");
    }
}
