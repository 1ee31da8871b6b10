package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CA goes away. First a Pebble of its own (bin/test) issues a certificate, then this test stops that Pebble for
 * good: renewing fails with cause CONNECTION, the current certificate stays bound and served, and the next attempt is
 * scheduled with a backoff that doubles after each failure; all of it visible through GET /acme/domains. Then a
 * Pebble that the test itself stops and starts again ({@link OwnPebble}): the operator hears of it exactly once,
 * with one "failing" alert after the second failed attempt, and once more with one "recovered" alert when a renewal
 * works again. Every part here is the real one: Pebble refuses nothing on its own, the stopped port refuses the
 * connection, the restarted Pebble has forgotten the account (certgate registers it again) and issues.
 */
class AcmeCaDownIT {

    private static final List<String> APPLICATIONS = new ArrayList<>();

    @AfterAll
    static void backToTheUsualCa() throws Exception {
        for (String id : APPLICATIONS) {
            CertgateApi.delete("/applications/" + id); // no more retries against a stopped CA
        }
        assertEquals(200, AcmeIT.saveAccount(ItSettings.ACME_DIRECTORY).status());
    }

    @Test
    void aCaThatStopsAndComesBackIsOneFailingAlertThenOneRecoveredAlert() throws Exception {
        try (OwnPebble ca = new OwnPebble("down-and-up", ItSettings.OWN_PEBBLE_PORTS + 22, 3600)) {
            assertEquals(200, AcmeIT.saveAccount(ca.directory()).status());
            String domain = AcmeIT.unique("ca-back");
            APPLICATIONS.add(AcmeIT.application(domain, "HTTP_01"));
            AcmeIT.awaitValid(domain);

            ca.stop();
            renewAndAwaitFailure(domain, 1);
            AlertsIT.check();
            assertEquals(List.of(), alerts(domain, "ACME_FAILING"), "not after the first failed attempt");
            renewAndAwaitFailure(domain, 2);
            AlertsIT.check();
            List<JsonNode> failing = alerts(domain, "ACME_FAILING");
            assertEquals(1, failing.size(), "one alert after the second failed attempt: " + failing);
            assertTrue(failing.get(0).get("subject").asText().contains(domain), failing.toString());
            AlertsIT.check(); // still failing: nothing new
            assertEquals(1, alerts(domain, "ACME_FAILING").size());
            assertEquals(List.of(), alerts(domain, "ACME_RECOVERED"));

            ca.start(); // a Pebble that has forgotten every account: certgate registers again
            Instant back = Instant.now();
            assertEquals(202, CertgateApi.post("/acme/domains/" + domain + "/renew", Map.of()).status());
            AcmeIT.await(domain, s -> s.get("state").asText().equals("VALID")
                    && Instant.parse(s.get("lastAttempt").asText()).isAfter(back.minusSeconds(1)),
                    Duration.ofSeconds(60));
            AlertsIT.check();
            List<JsonNode> recovered = alerts(domain, "ACME_RECOVERED");
            assertEquals(1, recovered.size(), "one alert when it works again: " + recovered);
            assertTrue(recovered.get(0).get("subject").asText().contains("works again"), recovered.toString());
            AlertsIT.check(); // still working: nothing new
            assertEquals(1, alerts(domain, "ACME_RECOVERED").size());
            assertEquals(1, alerts(domain, "ACME_FAILING").size(), "the failing alert was not raised again");
        }
    }

    /** The alerts of the last day of this kind for this domain (GET /alerts). */
    private static List<JsonNode> alerts(String domain, String kind) throws Exception {
        CertgateApi.Answer recent = CertgateApi.get("/alerts?days=1");
        assertEquals(200, recent.status(), recent.body().toString());
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode alert : recent.body()) {
            if (alert.path("kind").asText().equals(kind) && alert.path("target").asText().equals(domain)) {
                found.add(alert);
            }
        }
        return found;
    }

    @Test
    void aStoppedCaIsAConnectionFailureTheCertificateIsKeptAndTheRetryBacksOff() throws Exception {
        assertEquals(200, AcmeIT.saveAccount(ItSettings.ACME_STOPPABLE_DIRECTORY).status());
        String domain = AcmeIT.unique("ca-down");
        APPLICATIONS.add(AcmeIT.application(domain, "HTTP_01"));
        JsonNode issued = AcmeIT.awaitValid(domain);
        String certificateId = issued.get("certificateId").asText();
        X509Certificate before = TlsProbe.leafFor(domain);

        stopTheCa();
        String caAddress = ItSettings.ACME_STOPPABLE_DIRECTORY.replaceFirst("^https://([^/]+)/.*$", "$1");

        JsonNode first = renewAndAwaitFailure(domain, 1);
        assertEquals("CONNECTION", first.get("errorCause").asText(), first.toString());
        assertTrue(first.get("lastError").asText().contains(domain), first.toString());
        assertTrue(first.get("lastError").asText().contains(caAddress), "names the CA: " + first);
        assertEquals(certificateId, first.get("certificateId").asText(), "the certificate stays bound");
        assertEquals(issued.get("notAfter").asText(), first.get("notAfter").asText());
        assertEquals(TlsProbe.sha256(before), TlsProbe.sha256(TlsProbe.leafFor(domain)),
                "the current certificate is still served");
        assertWait(first, Duration.ofMinutes(1));

        JsonNode second = renewAndAwaitFailure(domain, 2);
        assertEquals("CONNECTION", second.get("errorCause").asText(), second.toString());
        assertWait(second, Duration.ofMinutes(2)); // doubled
        assertEquals(TlsProbe.sha256(before), TlsProbe.sha256(TlsProbe.leafFor(domain)));
    }

    /** "Renew now", then the state once that attempt has failed (the {@code failures}-th in a row). */
    private static JsonNode renewAndAwaitFailure(String domain, int failures) throws Exception {
        assertEquals(202, CertgateApi.post("/acme/domains/" + domain + "/renew", Map.of()).status());
        // a closed port refuses at once; 30 s bounds even a slow machine (each request to the CA times out at 10 s)
        return AcmeIT.await(domain, s -> s.get("state").asText().equals("FAILING")
                && s.get("failureCount").asInt() == failures, Duration.ofSeconds(30));
    }

    /** The next attempt is {@code expected} after the last one (the backoff), give or take 2 s (stored times may be cut to the second). */
    private static void assertWait(JsonNode state, Duration expected) {
        Duration wait = Duration.between(Instant.parse(state.get("lastAttempt").asText()),
                Instant.parse(state.get("nextAttempt").asText()));
        assertTrue(wait.minus(expected).abs().compareTo(Duration.ofSeconds(2)) <= 0,
                "next attempt after " + wait + ", expected " + expected + ": " + state);
        assertTrue(Instant.parse(state.get("nextAttempt").asText()).isAfter(Instant.now()), state.toString());
    }

    /** Stops the Pebble that bin/test started for this test (its pid is in a file), within 10 s. */
    private static void stopTheCa() throws Exception {
        long pid = Long.parseLong(Files.readString(ItSettings.ACME_STOPPABLE_PID_FILE).strip());
        ProcessHandle pebble = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(
                "the stoppable Pebble (pid " + pid + ") is not running"));
        assertTrue(pebble.info().command().orElse("").endsWith("pebble"), "pid " + pid + " is "
                + pebble.info().command());
        pebble.destroy();
        try {
            pebble.onExit().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            pebble.destroyForcibly();
            pebble.onExit().get(5, TimeUnit.SECONDS);
        }
    }
}
