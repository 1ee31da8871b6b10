package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * External Account Binding against a CA that requires it (a Pebble with {@code externalAccountBindingRequired} and
 * one MAC key, started by bin/test): no binding and a wrong HMAC key are refused with a message that says so; the
 * right key id and HMAC key register the account, and it orders certificates.
 */
class AcmeEabIT {

    @AfterAll
    static void backToTheUsualCa() throws Exception {
        assertEquals(200, putAccount(ItSettings.ACME_DIRECTORY, null, null).status());
    }

    private static CertgateApi.Answer putAccount(String directory, String keyId, String hmacKey) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("directoryUrl", directory,
                "email", "certgate-it@certgate.test", "termsAgreed", true));
        if (keyId != null) {
            body.put("eabKeyId", keyId);
            body.put("eabHmacKey", hmacKey);
        }
        return CertgateApi.send(CertgateApi.request("/acme/account").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(CertgateApi.json(body))), ItSettings.ADMIN);
    }

    @Test
    void withoutBindingOrWithAWrongKeyTheAccountIsRefusedAndWithTheRightOneItOrders() throws Exception {
        assertEquals(200, putAccount(ItSettings.ACME_DIRECTORY, null, null).status());
        String before = CertgateApi.get("/acme/account").body().get("directoryUrl").asText();

        CertgateApi.Answer without = putAccount(ItSettings.ACME_EAB_DIRECTORY, null, null);
        assertEquals(400, without.status(), without.body().toString());
        assertProblem(without);
        assertEquals("eabKeyId", without.body().get("errors").get(0).get("field").asText());
        assertTrue(without.body().get("detail").asText().contains("requires External Account Binding"),
                without.body().toString());

        CertgateApi.Answer tooShort = putAccount(ItSettings.ACME_EAB_DIRECTORY, ItSettings.EAB_KEY_ID,
                Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[24]));
        assertEquals(400, tooShort.status(), tooShort.body().toString());
        assertProblem(tooShort);
        assertEquals("eabHmacKey", tooShort.body().get("errors").get(0).get("field").asText());
        assertTrue(tooShort.body().get("detail").asText().contains("too short"), tooShort.body().toString());

        String wrongHmac = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[48]);
        CertgateApi.Answer wrong = putAccount(ItSettings.ACME_EAB_DIRECTORY, ItSettings.EAB_KEY_ID, wrongHmac);
        assertEquals(422, wrong.status(), wrong.body().toString());
        assertProblem(wrong);
        String detail = wrong.body().get("detail").asText();
        assertTrue(detail.contains("refused the account") && detail.toLowerCase().contains("external account"),
                wrong.body().toString());
        assertFalse(detail.contains(wrongHmac), "never the HMAC key");

        CertgateApi.Answer unknownKeyId = putAccount(ItSettings.ACME_EAB_DIRECTORY, "kid-nobody",
                ItSettings.EAB_HMAC_KEY);
        assertEquals(422, unknownKeyId.status(), unknownKeyId.body().toString());
        assertProblem(unknownKeyId);
        assertTrue(unknownKeyId.body().get("detail").asText().contains("refused the account"),
                unknownKeyId.body().toString());
        assertFalse(unknownKeyId.body().toString().contains(ItSettings.EAB_HMAC_KEY), "never the HMAC key");

        assertEquals(before, CertgateApi.get("/acme/account").body().get("directoryUrl").asText(),
                "nothing refused was kept");

        CertgateApi.Answer bound = putAccount(ItSettings.ACME_EAB_DIRECTORY, ItSettings.EAB_KEY_ID,
                ItSettings.EAB_HMAC_KEY);
        assertEquals(200, bound.status(), bound.body().toString());
        assertEquals("VALID", bound.body().get("status").asText());
        assertFalse(bound.body().toString().contains(ItSettings.EAB_HMAC_KEY), "the HMAC key is never shown back");
        assertEquals(1, Database.count("SELECT COUNT(*) FROM acme_account WHERE eab_key_id = ? AND eab_ciphertext"
                + " IS NOT NULL", ItSettings.EAB_KEY_ID), "the binding is kept, its HMAC key sealed");

        String domain = AcmeIT.unique("eab");
        String application = AcmeIT.application(domain, "HTTP_01");
        try {
            JsonNode issued = AcmeIT.awaitValid(domain);
            JsonNode certificate = CertgateApi.get("/certificates/" + issued.get("certificateId").asText()).body();
            assertEquals(domain, certificate.get("subjectAltNames").get(0).asText());
            assertTrue(certificate.get("issuer").asText().contains("Pebble"), certificate.toString());
        } finally {
            CertgateApi.delete("/applications/" + application);
        }
    }

    private static void assertProblem(CertgateApi.Answer answer) {
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertEquals(answer.status(), answer.body().get("status").asInt());
        assertFalse(answer.body().toString().contains("Exception"), "no stack trace: " + answer.body());
    }
}
