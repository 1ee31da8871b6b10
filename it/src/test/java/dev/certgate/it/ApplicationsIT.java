package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Application Management through REST, and what it means for certificates: one in use cannot be deleted. */
class ApplicationsIT {

    @TempDir
    Path dir;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> domain(String name, String certificateId) {
        Map<String, Object> domain = new HashMap<>();
        domain.put("name", name);
        domain.put("certificateId", certificateId);
        domain.put("redirectHttps", true);
        domain.put("hsts", false);
        return domain;
    }

    private static CertgateApi.Answer create(String name, List<String> backends, List<?> domains) throws Exception {
        return CertgateApi.post("/applications", Map.of("name", name, "backends", backends, "domains", domains));
    }

    private String storedCertificate(String host) throws Exception {
        CertgateApi.Answer answer = CertgateApi.post("/certificates/self-signed", Map.of("commonName", host));
        assertEquals(201, answer.status(), answer.body().toString());
        return answer.body().get("id").asText();
    }

    @Test
    void aCertificateInUseCannotBeDeletedUntilItsDomainsLetGo() throws Exception {
        String host = unique("shop") + ".test";
        String certificateId = storedCertificate(host);
        CertgateApi.Answer created = create(unique("shop"), List.of("http://127.0.0.1:9000"),
                List.of(domain(host.toUpperCase(), certificateId)));
        assertEquals(201, created.status(), created.body().toString());
        JsonNode application = created.body();
        assertEquals(host, application.get("domains").get(0).get("name").asText(), "names are kept lower case");

        assertEquals(List.of(host), strings(CertgateApi.get("/certificates/" + certificateId).body().get("usedBy")));
        CertgateApi.Answer refused = CertgateApi.delete("/certificates/" + certificateId);
        assertEquals(409, refused.status(), refused.body().toString());
        assertEquals("The certificate for " + host + " is used by " + host + ". Bind those domains to another "
                + "certificate first.", refused.body().get("detail").asText());
        assertEquals(List.of(host), strings(refused.body().get("usedBy")));
        assertEquals(200, CertgateApi.get("/certificates/" + certificateId).status(), "still there");

        // Move the domain to ACME: the certificate is free, and can go.
        Map<String, Object> acme = new HashMap<>(domain(host, null));
        acme.put("acme", Map.of("challenge", "HTTP_01"));
        CertgateApi.Answer updated = CertgateApi.put("/applications/" + application.get("id").asText(), Map.of(
                "name", application.get("name").asText(), "backends", List.of("http://127.0.0.1:9000"),
                "domains", List.of(acme), "version", application.get("version").asLong()));
        assertEquals(200, updated.status(), updated.body().toString());
        assertEquals(204, CertgateApi.delete("/certificates/" + certificateId).status());
        assertEquals(1, Database.auditRows(application.get("id").asText(), "APPLICATION_UPDATE"));

        assertEquals(204, CertgateApi.delete("/applications/" + application.get("id").asText()).status());
        assertEquals(404, CertgateApi.get("/applications/" + application.get("id").asText()).status());
    }

    @Test
    void badApplicationsAreRefusedWithAClearMessage() throws Exception {
        String host = unique("bad") + ".test";
        String certificateId = storedCertificate(host);
        String otherHost = unique("other") + ".test";
        List<String> backends = List.of("http://127.0.0.1:9000");

        assertRefused(create("", backends, List.of()), 400, "The application name is required.");
        assertRefused(create(unique("a"), List.of(), List.of()), 400,
                "Add at least one backend URL, such as http://10.0.0.5:9000.");
        assertRefused(create(unique("a"), List.of("ftp://x"), List.of()), 400,
                "The backend ftp://x is not a backend URL. Write it as http://host:port or https://host:port, for "
                        + "example http://10.0.0.5:9000.");
        assertRefused(create(unique("a"), backends, List.of(domain("not a host", certificateId))), 400,
                "The domain not a host is not a host name.");
        assertRefused(create(unique("a"), backends, List.of(domain(otherHost, certificateId))), 400,
                "The certificate for " + host + " (" + host + ") does not cover the domain " + otherHost + ".");
        assertRefused(create(unique("a"), backends, List.of(domain(host, "no-such-id"))), 400,
                "The domain " + host + " is bound to the certificate no-such-id, which does not exist.");
        assertRefused(create(unique("a"), backends, List.of(domain(host, null))), 400,
                "The domain " + host + " needs either a stored certificate (certificateId) or an ACME automatic "
                        + "certificate (acme), and has neither.");
        Map<String, Object> wildcard = new HashMap<>(domain("*." + unique("w") + ".test", null));
        wildcard.put("acme", Map.of("challenge", "HTTP_01"));
        assertRefused(create(unique("a"), backends, List.of(wildcard)), 400, "The wildcard domain");

        String owner = unique("owner");
        assertEquals(201, create(owner, backends, List.of(domain(host, certificateId))).status());
        assertRefused(create(unique("thief"), backends, List.of(domain(host, certificateId))), 409,
                "The domain " + host + " is already used by the application " + owner + ".");

        CertgateApi.Answer auditor = CertgateApi.send(CertgateApi.request("/applications")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CertgateApi.json(Map.of("name", unique("a"),
                        "backends", backends)))), ItSettings.AUDITOR);
        assertEquals(403, auditor.status());
    }

    private static void assertRefused(CertgateApi.Answer answer, int status, String detailStart) {
        assertEquals(status, answer.status(), answer.body().toString());
        String detail = answer.body().get("detail").asText();
        assertTrue(detail.startsWith(detailStart), detail);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
