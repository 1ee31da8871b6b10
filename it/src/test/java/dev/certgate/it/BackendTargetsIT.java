package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 point 5: an application's backend that reaches this server itself (loopback, link-local, its own ports)
 * is refused unless an admin allows it. bin/test allows loopback backends ({@code
 * certgate.gateway.backends.allow-local=true}, its backends listen there); this test turns that off on the running
 * server (a system property, read at each save) and back on.
 */
class BackendTargetsIT {

    private static final String ALLOW_LOCAL = "certgate.gateway.backends.allow-local";

    private static CertgateApi.Answer create(String name, String backend) throws Exception {
        return CertgateApi.post("/applications", Map.of("name", name, "backends", List.of(backend),
                "domains", List.of()));
    }

    private static void assertRefused(CertgateApi.Answer answer, String... detail) {
        assertEquals(400, answer.status(), answer.body().toString());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        for (String part : detail) {
            assertTrue(answer.body().path("detail").asText().contains(part), part + ": " + answer.body());
        }
        assertEquals("backends", answer.body().path("errors").path(0).path("field").asText(), answer.body().toString());
    }

    private static boolean saved(String name) throws Exception {
        for (JsonNode application : CertgateApi.get("/applications").body()) {
            if (application.get("name").asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void loopbackLinkLocalAndThisServersPortsAreRefusedUnlessAllowedAndNothingIsSaved() throws Exception {
        String name = "targets-" + UUID.randomUUID().toString().substring(0, 8);
        int management = URI.create(ItSettings.MANAGEMENT).getPort();
        int admin = URI.create(ItSettings.HTTP).getPort();
        try {
            Management.systemProperty(ALLOW_LOCAL, "false");
            for (String backend : List.of("http://127.0.0.1:9000", "http://127.8.9.10:9000", "http://[::1]:9000",
                    "https://localhost:9000", "http://0.0.0.0:9000", "http://169.254.169.254",
                    "http://[fe80::1]:8080")) {
                assertRefused(create(name, backend), "The backend " + backend + " is on the ",
                        "an admin allows loopback and link-local backends with the setting " + ALLOW_LOCAL + "=true.");
            }
            assertRefused(create(name, "http://127.0.0.1:" + management), "is this server's own port " + management,
                    "certgate.gateway.backends.allow-own-ports=true");
            assertFalse(saved(name), "nothing saved");

            // An existing application cannot be changed to one either.
            CertgateApi.Answer elsewhere = create(name, "http://192.0.2.1:9000");
            assertEquals(201, elsewhere.status(), elsewhere.body().toString());
            String id = elsewhere.body().get("id").asText();
            CertgateApi.Answer changed = CertgateApi.put("/applications/" + id, Map.of("name", name,
                    "backends", List.of("http://127.0.0.1:9000"), "domains", List.of(),
                    "version", elsewhere.body().get("version").asLong()));
            assertRefused(changed, "is on the loopback address 127.0.0.1");
            assertEquals("http://192.0.2.1:9000", CertgateApi.get("/applications/" + id).body().get("backends")
                    .get(0).asText(), "unchanged");
            assertEquals(204, CertgateApi.delete("/applications/" + id).status());

            // Allowed: loopback passes, this server's own ports still do not.
            Management.systemProperty(ALLOW_LOCAL, "true");
            for (int port : List.of(management, admin, ItSettings.GATEWAY_PORT, ItSettings.GATEWAY_HTTP_PORT)) {
                assertRefused(create(name, "http://127.0.0.1:" + port), "is this server's own port " + port);
            }
            assertFalse(saved(name), "nothing saved");
            CertgateApi.Answer allowed = create(name, "http://127.0.0.1:9000");
            assertEquals(201, allowed.status(), allowed.body().toString());
            assertEquals(204, CertgateApi.delete("/applications/" + allowed.body().get("id").asText()).status());
        } finally {
            Management.systemProperty(ALLOW_LOCAL, "true"); // as bin/test starts the server
        }
    }
}
