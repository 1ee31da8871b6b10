package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each bad import gets a clear problem document, and nothing is stored. A host name is read in one place (the api's
 * HostName): a bad one gets the same message from REST and from the command line, and an internationalised one is
 * kept, shown and served as its ASCII form.
 */
class BadInputIT {

    private static final String NOT_A_HOST_NAME = " is not a host name. Use letters, digits and hyphens in labels "
            + "separated by dots, as in www.example.com, or a wildcard such as *.example.com.";

    @TempDir
    Path dir;

    @Test
    void emptyInputs() throws Exception {
        assertRefused(() -> CertgateApi.importPem("", ""), 400, "The certificate chain is empty.");
    }

    @Test
    void notPem() throws Exception {
        Openssl.Pair pair = pair();
        assertRefused(() -> CertgateApi.importPem("hello, this is not a certificate", pair.keyPem()), 400,
                "The certificate chain is not PEM text.");
    }

    @Test
    void noPrivateKey() throws Exception {
        Openssl.Pair pair = pair();
        assertRefused(() -> CertgateApi.importPem(pair.certificatePem(), pair.certificatePem()), 400,
                "The private key field holds no private key (it holds a certificate).");
    }

    @Test
    void keyDoesNotMatch() throws Exception {
        Openssl.Pair pair = pair();
        Openssl.Pair other = Openssl.selfSigned(dir, "other-" + pair.certificate().getFileName(), "ec");
        String name = pair.certificate().getFileName().toString().replace(".ec.crt.pem", "");
        assertRefused(() -> CertgateApi.importPem(pair.certificatePem(), other.keyPem()), 422,
                "The private key does not match the certificate for " + name + ".");
    }

    @Test
    void expired() throws Exception {
        String name = "expired-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        Openssl.Pair pair = Openssl.expired(dir, name);
        assertRefused(() -> CertgateApi.importPem(pair.certificatePem(), pair.keyPem()), 422,
                "The certificate for " + name + " expired on 2021-01-01 00:00 UTC.");
    }

    @Test
    void aBadHostNameGetsTheSameMessageFromRestAndTheCommandLine() throws Exception {
        String host = "hosts-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        String certificateId = selfSigned(host);
        for (String bad : List.of("a b." + host, "a.." + host, "." + host, "a_b." + host)) {
            String message = "The domain " + bad + NOT_A_HOST_NAME;
            int applications = CertgateApi.get("/applications").body().size();

            CertgateApi.Answer rest = CertgateApi.post("/applications", Map.of("name", "bad-" + UUID.randomUUID(),
                    "backends", List.of("http://127.0.0.1:9000"), "domains", List.of(domain(bad, certificateId))));
            assertEquals(400, rest.status(), rest.body().toString());
            assertTrue(rest.contentType().startsWith("application/problem+json"), rest.contentType());
            assertEquals(message, rest.body().get("detail").asText(), bad);
            assertEquals("domains", rest.body().get("errors").get(0).get("field").asText(), rest.body().toString());
            assertFalse(rest.body().toString().contains("Exception"), "no exception name: " + rest.body());

            CliIT.Run cli = CliIT.certgate(ItSettings.OPERATOR, "app", "create", "bad-" + UUID.randomUUID(),
                    "--backend", "http://127.0.0.1:9000", "--domain", bad + "=" + certificateId);
            assertEquals(2, cli.exit(), cli.toString());
            assertEquals("certgate: " + message, cli.err().strip(), "the same words as REST: " + cli);

            CertgateApi.Answer renew = CertgateApi.post("/acme/domains/"
                    + URLEncoder.encode(bad, StandardCharsets.UTF_8).replace("+", "%20") + "/renew", Map.of());
            assertEquals(400, renew.status(), renew.body().toString());
            assertEquals(message, renew.body().get("detail").asText(), "a path reads a host name as a body does");
            CliIT.Run cliRenew = CliIT.certgate(ItSettings.OPERATOR, "acme", "renew", bad);
            assertEquals(2, cliRenew.exit(), cliRenew.toString());
            assertEquals("certgate: " + message, cliRenew.err().strip(), cliRenew.toString());

            assertEquals(applications, CertgateApi.get("/applications").body().size(), "nothing stored");
        }
    }

    @Test
    void anInternationalisedDomainIsKeptShownAndServedAsItsALabel() throws Exception {
        String label = "idn-" + UUID.randomUUID().toString().substring(0, 8);
        String unicode = "Bücher." + label + ".test";
        String ascii = "xn--bcher-kva." + label + ".test";
        String certificateId = selfSigned(unicode);
        JsonNode certificate = CertgateApi.get("/certificates/" + certificateId).body();
        assertEquals(ascii, certificate.get("commonName").asText(), certificate.toString());

        CertgateApi.Answer created = CertgateApi.post("/applications", Map.of("name", label,
                "backends", List.of("http://127.0.0.1:9000"), "domains", List.of(domain(unicode, certificateId))));
        assertEquals(201, created.status(), created.body().toString());
        String id = created.body().get("id").asText();
        assertEquals(ascii, created.body().get("domains").get(0).get("name").asText(), created.body().toString());
        assertEquals(ascii, CertgateApi.get("/applications/" + id).body().get("domains").get(0).get("name").asText());
        CliIT.Run shown = CliIT.certgate(ItSettings.AUDITOR, "--json", "app", "show", id);
        assertEquals(0, shown.exit(), shown.toString());
        assertEquals(ascii, shown.json().get("domains").get(0).get("name").asText(), shown.toString());

        CliIT.Run bound = CliIT.certgate(ItSettings.OPERATOR, "--json", "app", "bind", id, "BÜCHER." + label
                + ".test.", "--cert", certificateId);
        assertEquals(0, bound.exit(), bound.toString());
        assertEquals(1, bound.json().get("domains").size(), "the same domain, however it is written: " + bound);

        X509Certificate served = TlsProbe.leafFor(ascii);
        assertTrue(served.getSubjectAlternativeNames().stream().anyMatch(n -> ascii.equals(n.get(1))),
                "the gateway serves the A-label's certificate: " + served.getSubjectAlternativeNames());
        assertTrue(TlsProbe.sha256(served).equalsIgnoreCase(certificate.get("fingerprintSha256").asText()
                .replace(":", "")), "the stored certificate is the one served");

        assertEquals(204, CertgateApi.delete("/applications/" + id).status());
        assertEquals(204, CertgateApi.delete("/certificates/" + certificateId).status());
    }

    private static String selfSigned(String commonName) throws Exception {
        CertgateApi.Answer answer = CertgateApi.post("/certificates/self-signed", Map.of("commonName", commonName));
        assertEquals(201, answer.status(), answer.body().toString());
        return answer.body().get("id").asText();
    }

    private static Map<String, Object> domain(String name, String certificateId) {
        Map<String, Object> domain = new HashMap<>();
        domain.put("name", name);
        domain.put("certificateId", certificateId);
        domain.put("redirectHttps", false);
        domain.put("hsts", false);
        return domain;
    }

    private Openssl.Pair pair() throws Exception {
        return Openssl.selfSigned(dir, "bad-" + UUID.randomUUID().toString().substring(0, 8) + ".test", "ec");
    }

    private static void assertRefused(Callable<CertgateApi.Answer> call, int status, String detailStart)
            throws Exception {
        int before = CertgateApi.list().body().get("total").asInt();
        CertgateApi.Answer answer = call.call();
        assertEquals(status, answer.status(), answer.body().toString());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        String detail = answer.body().get("detail").asText();
        assertTrue(detail.startsWith(detailStart), detail);
        assertFalse(answer.body().toString().contains("Exception"), "no stack trace or exception name");
        assertEquals(before, CertgateApi.list().body().get("total").asInt(), "nothing stored");
    }
}
