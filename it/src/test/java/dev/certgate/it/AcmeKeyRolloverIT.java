package dev.certgate.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 point 5: an ACME account key rollover stores the new key before the CA sees it, so that a rollover cut
 * off half-way never loses the account. Against a real Pebble of this class's own behind the tests' {@link AcmeFront},
 * which for one key-change request either forwards it and then drops Pebble's answer (the CA took the key, certgate
 * never heard: as a server that stops right after sending), or drops the request unsent (the CA never saw it).
 */
class AcmeKeyRolloverIT {

    private static final List<String> APPLICATIONS = new ArrayList<>();
    private static OwnPebble pebble;
    private static AcmeFront front;

    @BeforeAll
    static void ownCa() throws Exception {
        pebble = new OwnPebble("rollover", ItSettings.OWN_PEBBLE_PORTS + 2, 3600);
        front = new AcmeFront(ItSettings.OWN_PEBBLE_PORTS + 7, pebble.base());
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

    private static CertgateApi.Answer rollover() throws Exception {
        return CertgateApi.send(CertgateApi.request("/acme/account/key-rollover")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()),
                ItSettings.ADMIN);
    }

    private static String column(String name) throws SQLException {
        try (var c = Database.connect(); var st = c.prepareStatement("SELECT " + name + " FROM acme_account");
             var rs = st.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void aKeyTheCaTookButCertgateNeverHeardAboutIsPromotedAtTheNextOrder() throws Exception {
        String before = column("public_key");
        long audited = Database.auditRows(column("account_url"), "ACME_ACCOUNT_KEY_ROLLOVER");
        front.nextKeyChange(AcmeFront.KeyChange.FORWARD_AND_DROP_ANSWER);
        CertgateApi.Answer cut = rollover();
        assertEquals(503, cut.status(), cut.body().toString());
        assertTrue(cut.body().path("detail").asText().contains("certgate keeps the new key as pending"),
                cut.body().toString());
        String pending = column("pending_public_key");
        assertNotNull(pending, "the new key was stored before the CA saw it");
        assertEquals(before, column("public_key"), "not promoted without the CA's answer");
        assertNotNull(column("pending_ciphertext"), "sealed");

        // Pebble knows the account by the new key only: the next order works only if certgate tries it.
        String domain = AcmeIT.unique("rolled-cut");
        APPLICATIONS.add(AcmeIT.application(domain, "HTTP_01"));
        AcmeIT.awaitValid(domain);
        assertEquals(pending, column("public_key"), "the pending key is the account key now");
        assertNull(column("pending_public_key"));
        assertEquals(audited + 1, Database.auditRows(column("account_url"), "ACME_ACCOUNT_KEY_ROLLOVER"));
        assertEquals(1, Database.count("SELECT COUNT(*) FROM audit_event WHERE action = 'ACME_ACCOUNT_KEY_ROLLOVER' "
                + "AND summary LIKE ?", "%found at the CA by that key after the rollover was interrupted%"));
    }

    @Test
    void aKeyTheCaNeverSawIsDroppedAndTheNextRolloverWorks() throws Exception {
        String before = column("public_key");
        front.nextKeyChange(AcmeFront.KeyChange.DROP_UNSENT);
        assertEquals(503, rollover().status());
        String pending = column("pending_public_key");
        assertNotNull(pending);
        assertEquals(before, column("public_key"));

        // The next use asks Pebble for the account by the pending key: it knows none, so the key is dropped and the
        // stored one still signs the rollover.
        CertgateApi.Answer rolled = rollover();
        assertEquals(200, rolled.status(), rolled.body().toString());
        String after = column("public_key");
        assertNotEquals(before, after);
        assertNotEquals(pending, after, "a new key, not the one dropped");
        assertNull(column("pending_public_key"));
        String domain = AcmeIT.unique("rolled-again");
        APPLICATIONS.add(AcmeIT.application(domain, "HTTP_01"));
        AcmeIT.awaitValid(domain); // the CA knows the account by the key stored
    }
}
