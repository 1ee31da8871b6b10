package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * The CA goes away: a Pebble of its own (bin/test) issues a certificate, then this test stops that Pebble for good.
 * Renewing fails with cause CONNECTION, the current certificate stays bound and served, and the next attempt is
 * scheduled with a backoff that doubles after each failure; all of it visible through GET /acme/domains.
 */
class AcmeCaDownIT {

    private static final List<String> APPLICATIONS = new ArrayList<>();

    @BeforeAll
    static void aCaOfItsOwn() throws Exception {
        assertEquals(200, AcmeIT.saveAccount(ItSettings.ACME_STOPPABLE_DIRECTORY).status());
    }

    @AfterAll
    static void backToTheUsualCa() throws Exception {
        for (String id : APPLICATIONS) {
            CertgateApi.delete("/applications/" + id); // no more retries against a stopped CA
        }
        assertEquals(200, AcmeIT.saveAccount(ItSettings.ACME_DIRECTORY).status());
    }

    @Test
    void aStoppedCaIsAConnectionFailureTheCertificateIsKeptAndTheRetryBacksOff() throws Exception {
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
    static JsonNode renewAndAwaitFailure(String domain, int failures) throws Exception {
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
