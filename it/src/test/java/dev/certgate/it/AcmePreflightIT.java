package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pre-flight check (issue 16.5) against real components: the DNS is pebble-challtestsrv (the one the usual
 * Pebble asks; bin/test points certgate.acme.preflight.resolver at it), whose management API makes a name fail
 * (SERVFAIL), point elsewhere or carry CAA records; the DNS-01 probe writes to the real BIND of AcmeDnsIT; the
 * HTTP-01 and TLS-ALPN-01 probes go to the gateway's real ports (certgate.acme.preflight.http-port/tls-port, where
 * Pebble validates too); "another server on port 80" is a small HTTP server of this test's own, on 127.0.0.2 at
 * that port. Each failing case is checked twice: on demand (the REST call), and before the domain's first order
 * (the attempt fails with the check's message, and no order reaches the CA).
 */
class AcmePreflightIT {

    private static final Duration FIRST_ATTEMPT = Duration.ofSeconds(60);
    private static final List<String> APPLICATIONS = new ArrayList<>();

    @BeforeAll
    static void account() throws Exception {
        assertEquals(200, AcmeIT.saveAccount(ItSettings.ACME_DIRECTORY).status());
    }

    @AfterAll
    static void removeApplications() throws Exception {
        for (String id : APPLICATIONS) {
            CertgateApi.delete("/applications/" + id);
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".acme.test";
    }

    static CertgateApi.Answer preflight(String domain, ItSettings.User user) throws Exception {
        return CertgateApi.send(CertgateApi.request("/acme/domains/" + domain + "/preflight")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()), user);
    }

    /** The report of a check that answered 200, and the finding of {@code check} in it. */
    private static JsonNode finding(JsonNode report, String check) {
        for (JsonNode finding : report.get("findings")) {
            if (finding.get("check").asText().equals(check)) {
                return finding;
            }
        }
        throw new AssertionError("no " + check + " finding in " + report);
    }

    private static JsonNode report(String domain) throws Exception {
        CertgateApi.Answer answer = preflight(domain, ItSettings.OPERATOR);
        assertEquals(200, answer.status(), answer.body().toString());
        return answer.body();
    }

    private static void assertFinding(JsonNode report, String check, String outcome, String... parts) {
        JsonNode finding = finding(report, check);
        assertEquals(outcome, finding.get("outcome").asText(), finding.toString());
        for (String part : parts) {
            assertTrue(finding.get("message").asText().contains(part), "'" + part + "' in " + finding);
        }
    }

    /** The first attempt of {@code domain}, failed by its pre-flight check: the cause and the check's message. */
    private static JsonNode firstAttemptFailed(String domain, String cause, String part) throws Exception {
        JsonNode failing = AcmeIT.await(domain, s -> s.get("state").asText().equals("FAILING"), FIRST_ATTEMPT);
        assertEquals(cause, failing.get("errorCause").asText(), failing.toString());
        String error = failing.get("lastError").asText();
        assertTrue(error.startsWith("The pre-flight check before the first order failed, so nothing was sent to "
                + "the CA: "), error);
        assertTrue(error.contains(part), "'" + part + "' in " + error);
        assertTrue(!failing.has("certificateId") || failing.get("certificateId").isNull(), failing.toString());
        return failing;
    }

    private static void assertNoProbeLeft(String domain) throws Exception {
        assertEquals(0, Database.count("SELECT COUNT(*) FROM acme_challenge WHERE domain = ?", domain),
                "the probe answers are withdrawn");
    }

    @Test
    void aDomainThatWorksPassesEveryCheckAndGetsItsCertificate() throws Exception {
        String http = unique("pf-good");
        APPLICATIONS.add(AcmeIT.application(http, "HTTP_01"));
        JsonNode report = report(http);
        assertTrue(report.get("ready").asBoolean(), report.toString());
        assertEquals("HTTP_01", report.get("challenge").asText());
        assertFinding(report, "NAME", "PASSED", http + " resolves to 127.0.0.1");
        assertFinding(report, "CAA", "PASSED", "No CAA record applies to " + http);
        assertFinding(report, "HTTP_01", "PASSED", "reaches this gateway at 127.0.0.1 (port "
                + ItSettings.GATEWAY_HTTP_PORT + ")");
        assertEquals(3, report.get("findings").size(), report.toString());
        // the check before the first order let it through: the CA issued
        AcmeIT.awaitValid(http);
        assertNoProbeLeft(http); // once the order's own answer is withdrawn too

        String alpn = unique("pf-alpn");
        APPLICATIONS.add(AcmeIT.application(alpn, "TLS_ALPN_01"));
        // after the first order: while an order's TLS-ALPN-01 answer is published, the gateway serves that one (the
        // CA's validation wins over a probe), and the probe would rightly see another validation certificate
        AcmeIT.awaitValid(alpn);
        JsonNode alpnReport = report(alpn);
        assertTrue(alpnReport.get("ready").asBoolean(), alpnReport.toString());
        assertFinding(alpnReport, "TLS_ALPN_01", "PASSED", "served by this gateway at 127.0.0.1 (port "
                + ItSettings.GATEWAY_PORT + ")");
        assertNoProbeLeft(alpn);

        // DNS-01: a TXT record written to the real BIND with certgate's DNS provider, seen at its secondary
        String dns = "pf-" + UUID.randomUUID().toString().substring(0, 8) + "." + ItSettings.DNS_ZONE;
        APPLICATIONS.add(AcmeIT.application(dns, "DNS_01"));
        JsonNode dnsReport = report(dns);
        assertTrue(dnsReport.get("ready").asBoolean(), dnsReport.toString());
        assertFinding(dnsReport, "DNS_01", "PASSED", "_acme-challenge." + dns + ".", "saw it", "removed it");
        assertFalse(dnsReport.toString().contains("\"NAME\""), "DNS-01 needs no address: " + dnsReport);
    }

    @Test
    void aNameThatDoesNotResolveIsNamedAndItsFirstOrderNeverReachesTheCa() throws Exception {
        String domain = unique("pf-servfail");
        Pebble.setServfail(domain);
        try {
            APPLICATIONS.add(AcmeIT.application(domain, "HTTP_01"));
            firstAttemptFailed(domain, "DNS", domain + " does not resolve");
            JsonNode report = report(domain);
            assertFalse(report.get("ready").asBoolean(), report.toString());
            assertFinding(report, "NAME", "FAILED", domain + " does not resolve: the DNS server", "answered SERVFAIL",
                    "check that the zone's name servers answer for it");
            assertFinding(report, "HTTP_01", "SKIPPED", domain + " must resolve first");
        } finally {
            Pebble.clearServfail(domain);
        }
    }

    @Test
    void anotherServerOnPort80IsNamedWithItsAddressAndTheLikelyFix() throws Exception {
        String domain = unique("pf-other");
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.2", ItSettings.GATEWAY_HTTP_PORT), 0);
        other.createContext("/", exchange -> {
            byte[] body = "<h1>Welcome to nginx!</h1>".getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().add("Server", "nginx/1.26.3");
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        other.start();
        Pebble.addA(domain, "127.0.0.2");
        try {
            APPLICATIONS.add(AcmeIT.application(domain, "HTTP_01"));
            String expected = "Port " + ItSettings.GATEWAY_HTTP_PORT + " of 127.0.0.2 answers, but not from this "
                    + "gateway (HTTP 404, server \"nginx/1.26.3\"): is another server or a CDN in front?";
            firstAttemptFailed(domain, "CONNECTION", expected);
            JsonNode report = report(domain);
            assertFalse(report.get("ready").asBoolean(), report.toString());
            assertFinding(report, "NAME", "PASSED", "resolves to 127.0.0.2");
            assertFinding(report, "HTTP_01", "FAILED", expected);
            assertNoProbeLeft(domain);
        } finally {
            Pebble.clearA(domain);
            other.stop(0);
        }
    }

    @Test
    void caaRecordsThatForbidTheCaAreNamedWithTheirFix() throws Exception {
        String domain = unique("pf-caa");
        Pebble.addCaa(domain, "issue", ";");
        try {
            APPLICATIONS.add(AcmeIT.application(domain, "HTTP_01"));
            firstAttemptFailed(domain, "DNS", "forbid every CA to issue");
            JsonNode report = report(domain);
            assertFalse(report.get("ready").asBoolean(), report.toString());
            assertFinding(report, "CAA", "FAILED", "The CAA records at " + domain + " forbid every CA to issue "
                    + "(issue \";\")", "replace them with a CAA issue record");
            assertFinding(report, "HTTP_01", "PASSED");

            // Records naming another CA: Pebble's directory names no CAA identity, so certgate says it cannot tell
            Pebble.clearCaa(domain);
            Pebble.addCaa(domain, "issue", "letsencrypt.org");
            JsonNode unknown = report(domain);
            assertTrue(unknown.get("ready").asBoolean(), "a warning is not a failure: " + unknown);
            assertFinding(unknown, "CAA", "WARNING", "permit letsencrypt.org", "names no CAA identity");
        } finally {
            Pebble.clearCaa(domain);
        }
    }

    @Test
    void badInputGetsAClearMessageAndNothingIsKept() throws Exception {
        CertgateApi.Answer bad = preflight("not_a..name", ItSettings.ADMIN);
        assertEquals(400, bad.status(), bad.body().toString());
        assertEquals("domain", bad.body().get("errors").get(0).get("field").asText(), bad.body().toString());
        assertFalse(bad.body().toString().contains("Exception"), bad.body().toString());

        String unknown = unique("pf-unknown");
        CertgateApi.Answer missing = preflight(unknown, ItSettings.ADMIN);
        assertEquals(404, missing.status(), missing.body().toString());
        assertTrue(missing.body().toString().contains("No application has the domain " + unknown
                + " with an ACME certificate."), missing.body().toString());
        assertNoProbeLeft(unknown);

        String domain = unique("pf-auditor");
        APPLICATIONS.add(AcmeIT.application(domain, "HTTP_01"));
        CertgateApi.Answer auditor = preflight(domain, ItSettings.AUDITOR);
        assertEquals(403, auditor.status(), auditor.body().toString());
    }
}
