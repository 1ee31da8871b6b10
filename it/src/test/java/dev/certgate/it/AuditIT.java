package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit log through GET /api/v1/audit: who may read it, and what a write leaves in it. */
class AuditIT {

    @Test
    void everyWriteIsReadableByAuditorsOnly() throws Exception {
        String name = "audited-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        CertgateApi.Answer created = CertgateApi.post("/certificates/self-signed", Map.of("commonName", name));
        assertEquals(201, created.status());
        String id = created.body().get("id").asText();
        assertEquals(204, CertgateApi.delete("/certificates/" + id).status());

        String query = "/audit?user=" + ItSettings.OPERATOR.name() + "&size=500";
        assertEquals(403, CertgateApi.send(CertgateApi.request(query).GET(), ItSettings.OPERATOR).status(),
                "operators do not read the audit log");
        CertgateApi.Answer page = CertgateApi.send(CertgateApi.request(query).GET(), ItSettings.AUDITOR);
        assertEquals(200, page.status(), page.body().toString());
        JsonNode newest = null;
        int found = 0;
        for (JsonNode entry : page.body().get("items")) {
            if (id.equals(entry.path("target").asText())) {
                found++;
                if (newest == null) {
                    newest = entry;
                }
                assertEquals(ItSettings.OPERATOR.name(), entry.get("user").asText());
                assertEquals("127.0.0.1", entry.get("address").asText());
                assertTrue(entry.get("summary").asText().contains(name), entry.toString());
            }
        }
        assertEquals(2, found, "one line for the self-sign, one for the delete");
        assertEquals("CERTIFICATE_DELETE", newest.get("action").asText(), "newest first");

        CertgateApi.Answer filtered = CertgateApi.send(CertgateApi.request(
                "/audit?action=CERTIFICATE_SELF_SIGN&from=2000-01-01T00:00:00Z").GET(), ItSettings.ADMIN);
        assertEquals(200, filtered.status());
        filtered.body().get("items").forEach(e -> assertEquals("CERTIFICATE_SELF_SIGN", e.get("action").asText()));

        CertgateApi.Answer bad = CertgateApi.send(CertgateApi.request("/audit?from=yesterday").GET(),
                ItSettings.AUDITOR);
        assertEquals(400, bad.status());
        assertEquals("'from' must be an RFC 3339 UTC time such as 2026-11-27T12:00:00Z, not 'yesterday'.",
                bad.body().get("detail").asText());

        CertgateApi.Answer lowerCase = CertgateApi.send(CertgateApi.request(
                "/audit?action=certificate_self_sign&from=2000-01-01T00:00:00Z").GET(), ItSettings.ADMIN);
        assertEquals(200, lowerCase.status(), lowerCase.body().toString());
        assertEquals(filtered.body().get("total").asLong(), lowerCase.body().get("total").asLong(),
                "an action is read case-insensitively");
        CertgateApi.Answer unknown = CertgateApi.send(CertgateApi.request("/audit?action=CERTIFICATE_FROBNICATE")
                .GET(), ItSettings.AUDITOR);
        assertEquals(400, unknown.status(), unknown.body().toString());
        assertEquals("action", unknown.body().get("errors").get(0).get("field").asText());
        assertTrue(unknown.body().get("detail").asText().startsWith("The audit action \"CERTIFICATE_FROBNICATE\" is "
                + "not known. Choose one of ACME_ACCOUNT_DEACTIVATE, "), unknown.body().toString());
    }
}
