package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The REST contract (openapi.yaml) where the other ITs leave it: the OpenAPI document matches the server, each
 * documented error status of each endpoint, and JAX-RS's own refusals (bad JSON, wrong media type, unknown path or
 * method, a parameter of the wrong type) as problem documents, never a 500 or an empty body.
 */
class RestContractIT {

    private static final String NO_SUCH_ID = "no-such-id-" + UUID.randomUUID();

    private static void assertProblem(int status, CertgateApi.Answer answer) {
        assertEquals(status, answer.status(), answer.body().toString());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertEquals(status, answer.body().get("status").asInt(), answer.body().toString());
        assertFalse(answer.body().get("detail").asText().isBlank());
        assertFalse(answer.body().toString().contains("Exception"), "no Java in a problem: " + answer.body());
    }

    private static CertgateApi.Answer as(ItSettings.User user, String method, String path, String json)
            throws IOException {
        HttpRequest.Builder request = CertgateApi.request(path);
        if (json == null) {
            if (!"GET".equals(method) && !"DELETE".equals(method)) {
                request.header("Content-Type", "application/json"); // a call that changes something declares JSON
            }
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return CertgateApi.send(request, user);
    }

    @Test
    void theOpenApiDocumentListsWhatTheServerAnswers() throws Exception {
        String document = CertgateApi.text("/openapi.yaml");
        assertTrue(document.startsWith("#") && document.contains("\nopenapi: 3.0.3\n"), document.substring(0, 200));

        Map<String, List<String>> operations = new HashMap<>();
        String path = null;
        Matcher line = Pattern.compile("(?m)^  (/\\S+):$|^    (get|put|post|delete):$").matcher(
                document.substring(document.indexOf("\npaths:"), document.indexOf("\ncomponents:")));
        while (line.find()) {
            if (line.group(1) != null) {
                path = line.group(1);
                operations.put(path, new ArrayList<>());
            } else {
                operations.get(path).add(line.group(2).toUpperCase());
            }
        }
        for (String apiPath : List.of("/certificates", "/certificates/{id}", "/certificates/pkcs12",
                "/certificates/self-signed", "/certificates/local-ca", "/local-ca", "/local-ca/root.pem",
                "/certificates/{id}/chain.pem", "/certificates/{id}/pkcs12", "/applications", "/applications/{id}",
                "/audit", "/acme/account", "/acme/domains", "/acme/domains/{name}/renew", "/certificates/{id}/revoke",
                "/users", "/users/{name}", "/account/password")) {
            assertTrue(operations.containsKey(apiPath), apiPath + " of the contract is in the document");
        }
        assertEquals(List.of("GET", "PUT", "DELETE"), operations.get("/certificates/{id}"));
        assertEquals(List.of("GET", "POST"), operations.get("/users"));
        assertEquals(List.of("GET", "PUT", "DELETE"), operations.get("/users/{name}"));
        assertEquals(List.of("PUT"), operations.get("/account/password"));

        // As an auditor, so that nothing changes: a route that exists answers 200, 400, 403 or a known-id 404.
        for (Map.Entry<String, List<String>> entry : operations.entrySet()) {
            for (String method : entry.getValue()) {
                String concrete = entry.getKey().replace("{id}", NO_SUCH_ID).replace("{name}", "no-such.test");
                CertgateApi.Answer answer = as(ItSettings.AUDITOR, method, concrete,
                        method.equals("GET") || method.equals("DELETE") ? null : "{}");
                String seen = method + " " + concrete + ": " + answer.status() + " " + answer.body();
                assertTrue(List.of(200, 400, 403, 404).contains(answer.status()), seen);
                assertFalse(answer.status() == 404 && answer.body().path("detail").asText()
                        .startsWith("There is no such resource"), "documented but not served: " + seen);
            }
        }
    }

    @Test
    void unknownIdsAre404OnEveryCertificateCall() throws Exception {
        String id = "/certificates/" + NO_SUCH_ID;
        assertProblem(404, CertgateApi.get(id));
        assertProblem(404, CertgateApi.get(id + "/chain.pem"));
        assertProblem(404, CertgateApi.get(id + "/certificate.der"));
        assertProblem(404, CertgateApi.delete(id));
        Openssl.Pair pair = Openssl.selfSigned(java.nio.file.Files.createTempDirectory("contract"),
                "contract-" + UUID.randomUUID().toString().substring(0, 8) + ".test", "ec");
        assertProblem(404, CertgateApi.put(id, Map.of("certificate", pair.certificatePem(),
                "privateKey", pair.keyPem(), "version", 0)));
        assertProblem(404, as(ItSettings.ADMIN, "POST", id + "/pkcs12", "{\"password\":\"long-enough-1\"}"));
    }

    @Test
    void applicationsAnswerEachDocumentedStatus() throws Exception {
        String host = "contract-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        Map<String, Object> spec = new HashMap<>(Map.of("name", host, "backends", List.of("http://127.0.0.1:9000"),
                "domains", List.of()));
        CertgateApi.Answer created = CertgateApi.post("/applications", spec);
        assertEquals(201, created.status(), created.body().toString());
        assertTrue(created.body().has("version"));
        String id = created.body().get("id").asText();

        assertProblem(404, CertgateApi.get("/applications/" + NO_SUCH_ID));
        spec.put("version", 0);
        assertProblem(404, CertgateApi.put("/applications/" + NO_SUCH_ID, spec));
        assertProblem(404, CertgateApi.delete("/applications/" + NO_SUCH_ID));

        spec.put("backends", List.of("http://127.0.0.1:9000", "http://127.0.0.1:9001"));
        CertgateApi.Answer updated = CertgateApi.put("/applications/" + id, spec);
        assertEquals(200, updated.status(), updated.body().toString());
        assertEquals(2, updated.body().get("backends").size());
        assertProblem(409, CertgateApi.put("/applications/" + id, spec)); // version 0 is stale now
        spec.remove("version");
        assertProblem(400, CertgateApi.put("/applications/" + id, spec));
        assertProblem(403, CertgateApi.send(CertgateApi.request("/applications/" + id).DELETE(),
                ItSettings.AUDITOR));
        assertProblem(401, CertgateApi.send(CertgateApi.request("/applications").GET(), null));

        assertEquals(204, CertgateApi.delete("/applications/" + id).status());
        assertProblem(404, CertgateApi.get("/applications/" + id));
    }

    @Test
    void issuingRefusesBadRequestsWith400() throws Exception {
        assertProblem(400, CertgateApi.post("/certificates/self-signed", Map.of("commonName", "a.test",
                "validityDays", 10_000)));
        assertProblem(400, CertgateApi.post("/certificates/local-ca", Map.of("keyType", "DSA_1024")));
        assertProblem(403, CertgateApi.send(CertgateApi.request("/certificates/local-ca")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"commonName\":\"a.test\"}")), ItSettings.AUDITOR));
        CertgateApi.ensureLocalCa(); // made only on request (LocalCaIT has the 404s before)
        String root = CertgateApi.text("/local-ca/root.pem");
        assertTrue(root.startsWith("-----BEGIN CERTIFICATE-----"), root);
        assertProblem(409, CertgateApi.send(CertgateApi.request("/local-ca").header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")), ItSettings.ADMIN));
        assertProblem(403, CertgateApi.send(CertgateApi.request("/local-ca").header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")), ItSettings.AUDITOR));
    }

    @Test
    void aHugePkcs12IsRefusedWith413() throws Exception {
        String base64 = Base64.getEncoder().encodeToString(new byte[1536 * 1024]);
        CertgateApi.Answer answer = CertgateApi.post("/certificates/pkcs12", Map.of("pkcs12", base64,
                "password", "x"));
        assertProblem(413, answer);
    }

    @Test
    void theGatewaySettingsRefuseUnknownCertificatesAndStaleVersions() throws Exception {
        JsonNode settings = CertgateApi.get("/gateway/settings").body();
        long version = settings.get("version").asLong();
        Map<String, Object> unknown = new HashMap<>();
        unknown.put("defaultCertificateId", NO_SUCH_ID);
        unknown.put("version", version);
        assertProblem(404, CertgateApi.put("/gateway/settings", unknown));
        unknown.put("version", version + 1000);
        JsonNode current = settings.path("defaultCertificateId"); // absent when none is set
        unknown.put("defaultCertificateId", current.isTextual() ? current.asText() : null);
        assertProblem(409, CertgateApi.put("/gateway/settings", unknown));
    }

    @Test
    void jaxRsRefusalsAreProblemsToo() throws Exception {
        assertProblem(400, as(ItSettings.OPERATOR, "POST", "/certificates/self-signed", "{not json"));
        assertProblem(400, as(ItSettings.OPERATOR, "POST", "/certificates/self-signed",
                "{\"commonName\": \"a.test\", \"validityDays\": \"ten\"}"));
        CertgateApi.Answer array = as(ItSettings.OPERATOR, "POST", "/certificates/self-signed", "[]");
        assertProblem(400, array);
        assertFalse(array.body().toString().contains("dev.certgate"), array.body().toString());
        assertProblem(400, CertgateApi.get("/certificates?page=first"));
        assertProblem(404, CertgateApi.get("/no-such-resource"));
        assertProblem(415, CertgateApi.send(CertgateApi.request("/certificates/self-signed")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("a.test")),
                ItSettings.OPERATOR));
        CertgateApi.Answer patch = as(ItSettings.OPERATOR, "PATCH", "/certificates", "{}");
        assertProblem(405, patch);
        assertNotEquals(500, as(ItSettings.OPERATOR, "POST", "/certificates", "").status());
    }

    /**
     * The requests another site can make a signed-in browser send without a CORS preflight — a form post, a
     * {@code text/plain} body, a bodyless POST with no type, each carrying the browser's cached Basic credentials —
     * are refused with 415 before anything runs, on the calls that take a body and on those that take none (rotate,
     * key rollover, renew); the same calls declared JSON are answered as before.
     */
    @Test
    void stateChangingCallsThatAreNotDeclaredJsonAreRefusedWith415() throws Exception {
        JsonNode keyBefore = CertgateApi.get("/instance-key").body().get("keys");
        long certificatesBefore = CertgateApi.list().body().get("total").asLong();
        HttpRequest.BodyPublisher form = HttpRequest.BodyPublishers.ofString("commonName=csrf.test");
        for (String path : List.of("/instance-key/rotate", "/acme/account/key-rollover", "/certificates/self-signed",
                "/acme/domains/csrf.test/renew", "/alerts/check")) {
            assertProblem(415, CertgateApi.send(CertgateApi.request(path)
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(form), ItSettings.ADMIN));
            assertProblem(415, CertgateApi.send(CertgateApi.request(path)
                    .header("Content-Type", "multipart/form-data; boundary=x").POST(form), ItSettings.ADMIN));
            assertProblem(415, CertgateApi.send(CertgateApi.request(path)
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"commonName\": \"csrf.test\"}")), ItSettings.ADMIN));
            CertgateApi.Answer untyped = CertgateApi.send(CertgateApi.request(path)
                    .POST(HttpRequest.BodyPublishers.noBody()), ItSettings.ADMIN);
            assertProblem(415, untyped);
            assertTrue(untyped.body().get("detail").asText().contains("Content-Type: application/json"),
                    untyped.body().toString());
        }
        assertEquals(keyBefore, CertgateApi.get("/instance-key").body().get("keys"), "the keyring did not move");
        assertEquals(certificatesBefore, CertgateApi.list().body().get("total").asLong(), "nothing was stored");
        // declared JSON, the same bodyless call is answered as the service answers it: here, an unknown domain
        assertProblem(404, as(ItSettings.ADMIN, "POST", "/acme/domains/csrf.test/renew", null));
    }
}
