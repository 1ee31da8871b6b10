package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Not a test: a benchmark, run on demand ({@code bin/test -Dit.test=AcmeBench}; failsafe runs only *IT by
 * default). 100 applications with one HTTP-01 ACME domain each are saved at once; the figure is the wall time until
 * Pebble has issued all 100 and the gateway serves them, with the server's bounded worker pool
 * ({@code certgate.acme.workers}). Results go to docs/benchmarks.md by hand.
 */
class AcmeBench {

    private static final int DOMAINS = Integer.getInteger("certgate.bench.acme-domains", 100);

    @Test
    void issueManyDomains() throws Exception {
        CertgateApi.Answer account = CertgateApi.send(CertgateApi.request("/acme/account")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        CertgateApi.json(Map.of("directoryUrl", ItSettings.ACME_DIRECTORY, "termsAgreed", true)))),
                ItSettings.ADMIN);
        assertEquals(200, account.status(), account.body().toString());
        String run = UUID.randomUUID().toString().substring(0, 6);
        Set<String> domains = new HashSet<>();
        Instant started = Instant.now();
        for (int i = 0; i < DOMAINS; i++) {
            String domain = "b" + i + "-" + run + ".bench.test";
            domains.add(domain);
            Map<String, Object> binding = new HashMap<>();
            binding.put("name", domain);
            binding.put("acme", Map.of("challenge", "HTTP_01"));
            binding.put("redirectHttps", false);
            binding.put("hsts", false);
            CertgateApi.Answer created = CertgateApi.post("/applications", Map.of("name", domain,
                    "backends", List.of("http://127.0.0.1:9"), "domains", List.of(binding)));
            assertEquals(201, created.status(), created.body().toString());
        }
        Duration saving = Duration.between(started, Instant.now());
        Instant deadline = started.plus(Duration.ofMinutes(10));
        int valid = 0;
        int failing = 0;
        while (Instant.now().isBefore(deadline)) {
            valid = 0;
            failing = 0;
            for (JsonNode state : CertgateApi.get("/acme/domains").body()) {
                if (domains.contains(state.get("domain").asText())) {
                    switch (state.get("state").asText()) {
                        case "VALID" -> valid++;
                        case "FAILING" -> failing++;
                        default -> { }
                    }
                }
            }
            if (valid + failing == DOMAINS) {
                break;
            }
            Thread.sleep(100);
        }
        Duration total = Duration.between(started, Instant.now());
        String result = "RESULT acme-issuance domains=" + DOMAINS + " valid=" + valid + " failing=" + failing
                + " saving_ms=" + saving.toMillis() + " total_ms=" + total.toMillis();
        System.err.println(result); // the benchmark's one line of output, read by whoever runs it
        assertEquals(DOMAINS, valid, result);
    }
}
