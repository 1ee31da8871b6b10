package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renewal by the timer, against a second Pebble (bin/test) whose certificates live 60 s: a third of the lifetime
 * before the end, certgate orders a new one without being asked, and a client that keeps handshaking meanwhile never
 * gets an expired certificate. The account points at that CA for this class only.
 */
class AcmeRenewalIT {

    private static final List<String> APPLICATIONS = new ArrayList<>();

    @BeforeAll
    static void shortLivedCa() throws Exception {
        assertEquals(200, AcmeIT.saveAccount(ItSettings.ACME_SHORT_DIRECTORY).status());
    }

    @AfterAll
    static void backToTheUsualCa() throws Exception {
        for (String id : APPLICATIONS) {
            CertgateApi.delete("/applications/" + id); // no more renewals every 40 s
        }
        assertEquals(200, AcmeIT.saveAccount(ItSettings.ACME_DIRECTORY).status());
    }

    @Test
    void aShortLivedCertificateIsRenewedByTheTimerAndNoHandshakeSeesItExpired() throws Exception {
        String domain = AcmeIT.unique("short");
        APPLICATIONS.add(AcmeIT.application(domain, "HTTP_01"));
        JsonNode first = AcmeIT.awaitValid(domain);
        X509Certificate firstLeaf = AcmeIT.servedOnceRefreshed(domain, first.get("certificateId").asText());
        Duration lifetime = Duration.between(firstLeaf.getNotBefore().toInstant(), firstLeaf.getNotAfter().toInstant());
        assertTrue(lifetime.compareTo(Duration.ofMinutes(3)) < 0, "a short-lived certificate: " + lifetime);
        Instant renewAt = Instant.parse(first.get("nextAttempt").asText());
        Instant expected = firstLeaf.getNotAfter().toInstant().minus(lifetime.dividedBy(3));
        assertTrue(Duration.between(expected, renewAt).abs().compareTo(Duration.ofSeconds(2)) < 0,
                "renewal is due a third of the lifetime before the end: " + renewAt + " vs " + expected);

        // Handshake until a second certificate is served; none may be expired when served.
        Set<String> serials = new LinkedHashSet<>();
        int handshakes = 0;
        Instant deadline = firstLeaf.getNotAfter().toInstant().plusSeconds(20);
        while (serials.size() < 2 && Instant.now().isBefore(deadline)) {
            X509Certificate served = TlsProbe.leafFor(domain);
            handshakes++;
            Instant now = Instant.now();
            assertTrue(served.getNotAfter().toInstant().isAfter(now), "served an expired certificate, "
                    + served.getNotAfter() + ", at " + now);
            serials.add(served.getSerialNumber().toString(16));
            Thread.sleep(100);
        }
        assertEquals(2, serials.size(), "renewed by the timer before " + deadline + " (" + handshakes
                + " handshakes): " + serials);
        JsonNode renewed = AcmeIT.await(domain, s -> s.get("state").asText().equals("VALID"), Duration.ofSeconds(5));
        assertEquals(first.get("certificateId").asText(), renewed.get("certificateId").asText());
        assertEquals(0, renewed.get("failureCount").asInt());
        assertTrue(Instant.parse(renewed.get("lastAttempt").asText()).isAfter(renewAt.minusSeconds(1)),
                renewed.toString());
    }
}
