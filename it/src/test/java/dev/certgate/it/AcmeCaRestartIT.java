package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CA that forgot certgate's account: a real Pebble of this class's own is restarted (Pebble keeps nothing: every
 * account, order and certificate is gone), and the next renewal must succeed by itself. The CA's part is all of it
 * (Pebble answers {@code accountDoesNotExist}, registers the new account, validates and issues); the tests'
 * {@link AcmeFront} in between only adds, on demand, {@code meta.externalAccountRequired} to the directory, for a CA
 * that requires External Account Binding of new accounts (Pebble would need its EAB mode for that, and then refuses
 * every account without a key).
 */
class AcmeCaRestartIT {

    private static final List<String> APPLICATIONS = new ArrayList<>();
    private static OwnPebble pebble;
    private static AcmeFront front;

    @BeforeAll
    static void restartableCa() throws Exception {
        pebble = new OwnPebble("restart", ItSettings.OWN_PEBBLE_PORTS + 20, 3600);
        front = new AcmeFront(ItSettings.OWN_PEBBLE_PORTS + 25, pebble.base());
        assertEquals(200, AcmeIT.saveAccount(front.directory()).status());
    }

    @AfterAll
    static void backToTheUsualCa() throws Exception {
        for (String id : APPLICATIONS) {
            CertgateApi.delete("/applications/" + id);
        }
        assertEquals(200, AcmeIT.saveAccount(ItSettings.ACME_DIRECTORY).status());
        if (front != null) {
            front.close();
        }
        if (pebble != null) {
            pebble.close();
        }
    }

    @Test
    void afterTheCaForgotTheAccountTheNextRenewalRegistersItAgainAndSucceeds() throws Exception {
        String domain = AcmeIT.unique("forgotten");
        APPLICATIONS.add(AcmeIT.application(domain, "HTTP_01"));
        JsonNode first = AcmeIT.awaitValid(domain);
        X509Certificate firstLeaf = AcmeIT.servedOnceRefreshed(domain, first.get("certificateId").asText());

        // EAB now required and none stored: a clear failure for the admin, the certificate stays served
        pebble.restart();
        front.requireEab(true);
        Instant restarted = Instant.now();
        assertEquals(202, renew(domain));
        JsonNode failed = AcmeIT.await(domain, s -> s.get("state").asText().equals("FAILING"),
                Duration.ofSeconds(60));
        assertEquals("CONFIGURATION", failed.get("errorCause").asText(), failed.toString());
        assertTrue(failed.get("lastError").asText().contains("requires External Account Binding")
                && failed.get("lastError").asText().contains("no EAB key is stored"), failed.toString());
        assertEquals(firstLeaf.getSerialNumber(), TlsProbe.leafFor(domain).getSerialNumber(), "still served");

        // a CA that takes new accounts as before: the next renewal registers again and succeeds, nothing else done
        front.requireEab(false);
        pebble.restart();
        Instant again = Instant.now();
        assertEquals(202, renew(domain));
        JsonNode renewed = AcmeIT.await(domain, s -> s.get("state").asText().equals("VALID")
                && Instant.parse(s.get("lastAttempt").asText()).isAfter(again), Duration.ofSeconds(60));
        assertEquals(0, renewed.get("failureCount").asInt(), renewed.toString());
        X509Certificate second = AcmeIT.servedOnceRefreshed(domain, renewed.get("certificateId").asText());
        assertNotEquals(firstLeaf.getSerialNumber(), second.getSerialNumber());

        JsonNode account = CertgateApi.get("/acme/account").body();
        assertEquals("VALID", account.get("status").asText(), account.toString());
        assertTrue(Instant.parse(account.get("reregisteredAt").asText()).isAfter(restarted), account.toString());
        JsonNode audit = CertgateApi.send(CertgateApi.request("/audit?action=ACME_ACCOUNT_REREGISTER&from="
                + URLEncoder.encode(again.minusSeconds(1).toString(), StandardCharsets.UTF_8)).GET(),
                ItSettings.ADMIN).body();
        assertEquals(1, audit.get("total").asInt(), audit.toString());
        String summary = audit.get("items").get(0).get("summary").asText();
        assertTrue(summary.contains("no longer knew") && summary.contains("certgate-it@certgate.test"), summary);
    }

    private static int renew(String domain) throws Exception {
        return CertgateApi.post("/acme/domains/" + domain + "/renew", java.util.Map.of()).status();
    }
}
