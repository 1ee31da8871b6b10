package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.certgate.it.UsersIT.body;
import static dev.certgate.it.UsersIT.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The management interface's {@code /metrics} scraped and parsed as Prometheus text (every certgate metric present,
 * the values right for what the test did: a certificate's seconds until expiry, a handshake counted by its SNI
 * outcome, a refused name, a proxied request to a backend that is down, an alert counted as failed), and
 * {@code /health/ready} and {@code /health/live}: up, and not ready while the database is away (see
 * {@link DatabaseOutage}), up again after.
 */
class MetricsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The management interface: ItSettings.MANAGEMENT without its /management path. */
    private static final String MANAGEMENT = ItSettings.MANAGEMENT.replaceFirst("/management$", "");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)( \\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample of the exposition: its name, labels and value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(MANAGEMENT + path)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<Sample> scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode(), response.body());
        List<Sample> samples = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "a Prometheus sample line: " + line);
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            String value = m.group(4);
            samples.add(new Sample(m.group(1), labels, value.equals("+Inf") ? Double.POSITIVE_INFINITY
                    : value.equals("-Inf") ? Double.NEGATIVE_INFINITY : value.equals("NaN") ? Double.NaN
                    : Double.parseDouble(value)));
        }
        return samples;
    }

    static Optional<Sample> find(List<Sample> samples, String name, String... labels) {
        return samples.stream().filter(s -> s.name().equals(name)).filter(s -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        }).findFirst();
    }

    private static double value(List<Sample> samples, String name, String... labels) {
        return find(samples, name, labels).map(Sample::value)
                .orElseThrow(() -> new AssertionError("no " + name + " " + List.of(labels) + " in /metrics; certgate's: "
                        + samples.stream().filter(s -> s.name().startsWith("certgate_")).map(Sample::name)
                        .distinct().toList()));
    }

    @Test
    void certgatesMetricsAreScrapedBesideWildFlysWithValuesForAKnownStore() throws Exception {
        String name = "metrics-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        CertgateApi.Answer created = CertgateApi.post("/certificates/self-signed", Map.of("commonName", name,
                "validityDays", 10));
        assertEquals(201, created.status(), created.body().toString());
        String id = created.body().path("id").asText();

        List<Sample> before = scrape();
        double expiry = value(before, "certgate_certificate_expiry_seconds", "id", id, "cn", name, "source",
                "SELF_SIGNED");
        assertTrue(Math.abs(expiry - Duration.ofDays(10).toSeconds()) < Duration.ofHours(2).toSeconds(),
                "about 10 days until the end: " + expiry);
        double exact = value(before, "certgate_gateway_handshakes_total", "sni", "exact");
        double refused = value(before, "certgate_gateway_handshakes_total", "sni", "refused");
        TlsProbe.leafFor(name);
        TlsProbe.assertRefused("unknown-" + UUID.randomUUID().toString().substring(0, 8) + ".test");

        // a proxied request to a backend that refuses connections: a 5xx, and the backend down
        String proxied = "metrics-app-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        CertgateApi.Answer certificate = CertgateApi.post("/certificates/self-signed", Map.of("commonName", proxied));
        assertEquals(201, certificate.status(), certificate.body().toString());
        String appName = "app-" + proxied;
        CertgateApi.Answer app = CertgateApi.post("/applications", Map.of("name", appName,
                "backends", List.of("http://127.0.0.1:9/"), "domains", List.of(Map.of("name", proxied,
                        "certificateId", certificate.body().get("id").asText()))));
        assertEquals(201, app.status(), app.body().toString());
        String answer = TlsProbe.get(proxied, proxied, "/");
        assertTrue(answer.startsWith("HTTP/1.1 50"), answer);
        List<Sample> after = scrape();
        assertTrue(value(after, "certgate_gateway_handshakes_total", "sni", "refused") >= refused + 1,
                "the unknown name counted as refused");
        assertEquals(1.0, value(after, "certgate_gateway_requests_total", "status", "5xx", "backend", appName));
        assertEquals(0.0, value(after, "certgate_gateway_backend_up", "backend", appName), "the backend is down");
        assertTrue(value(after, "certgate_gateway_handshakes_total", "sni", "exact") >= exact + 1,
                "the handshake for " + name + " counted as an exact SNI match");
        for (String outcome : List.of("exact", "wildcard", "default", "refused", "tls_alpn_01")) {
            value(after, "certgate_gateway_handshakes_total", "sni", outcome);
        }
        value(after, "certgate_gateway_handshake_failures_total");
        assertTrue(value(after, "certgate_gateway_snapshot_generation") >= 1, "a generation is served");
        assertTrue(value(after, "certgate_gateway_snapshot_certificates") >= 1);
        assertTrue(value(after, "certgate_gateway_snapshot_rebuild_seconds_count") >= 1, "rebuilt at least once");
        value(after, "certgate_acme_order_duration_seconds_count");
        value(after, "certgate_acme_renewals_total", "outcome", "issued", "cause", "none");
        value(after, "certgate_acme_renewals_total", "outcome", "failed", "cause", "CONNECTION");
        value(after, "certgate_alerts_total", "channel", "email", "outcome", "sent");
        assertTrue(after.stream().anyMatch(s -> !s.name().startsWith("certgate_")), "WildFly's own metrics too");

        // an alert that cannot be delivered is counted as failed
        CertgateApi.Answer channel = call("POST", "/alerts/channels", body("type", "WEBHOOK", "url",
                "http://127.0.0.1:9/closed-" + UUID.randomUUID(), "secret", "0123456789abcdef"), ItSettings.OPERATOR);
        assertEquals(201, channel.status(), channel.body().toString());
        String channelId = channel.body().path("id").asText();
        try {
            double failed = find(after, "certgate_alerts_total", "channel", "webhook", "outcome", "failed")
                    .map(Sample::value).orElse(0.0);
            assertEquals("FAILED", call("POST", "/alerts/channels/" + channelId + "/test", null,
                    ItSettings.OPERATOR).body().path("outcome").asText());
            assertEquals(failed + 1, value(scrape(), "certgate_alerts_total", "channel", "webhook", "outcome",
                    "failed"));
        } finally {
            call("DELETE", "/alerts/channels/" + channelId, null, ItSettings.OPERATOR);
        }
    }

    @Test
    void notReadyWhileTheDatabaseIsAwayAndReadyAgainAfter() throws Exception {
        awaitReady(true, Duration.ofSeconds(30));
        String name = "outage-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        assertEquals(201, CertgateApi.post("/certificates/self-signed", Map.of("commonName", name)).status());
        DatabaseOutage outage = DatabaseOutage.begin();
        try {
            HttpResponse<String> down = awaitReady(false, Duration.ofSeconds(60));
            assertEquals(503, down.statusCode(), down.body());
            assertTrue(down.body().contains("does not answer"), down.body());
            // the gateway goes on serving from its snapshot, and is live
            TlsProbe.leafFor(name);
            HttpResponse<String> live = get("/health/live");
            assertEquals(200, live.statusCode(), live.body());
        } finally {
            outage.close();
        }
        HttpResponse<String> up = awaitReady(true, Duration.ofSeconds(90));
        assertTrue(up.body().contains("answers"), up.body());
    }

    /** Polls /health/ready until it says UP (or DOWN); its last answer. */
    private static HttpResponse<String> awaitReady(boolean up, Duration within) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        HttpResponse<String> last;
        do {
            last = get("/health/ready");
            if (JSON.readTree(last.body()).path("status").asText().equals(up ? "UP" : "DOWN")) {
                return last;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < end);
        throw new AssertionError("/health/ready not " + (up ? "UP" : "DOWN") + " within " + within + ": "
                + last.body());
    }

    @Test
    void readyAndLiveWhileTheGatewayServesAndTheDatabaseAnswers() throws Exception {
        HttpResponse<String> ready = get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        JsonNode body = JSON.readTree(ready.body());
        assertEquals("UP", body.path("status").asText(), ready.body());
        assertTrue(ready.body().contains("\"certgate\""), ready.body());
        assertTrue(ready.body().contains("answers"), ready.body());
        assertTrue(!ready.body().contains("ready-deployment"), "certgate's own check, not WildFly's default: "
                + ready.body());
        HttpResponse<String> live = get("/health/live");
        assertEquals(200, live.statusCode(), live.body());
        assertEquals("UP", JSON.readTree(live.body()).path("status").asText(), live.body());
        assertTrue(live.body().contains("certgate-gateway-threads"), live.body());
        assertEquals(200, get("/health").statusCode());
    }
}
