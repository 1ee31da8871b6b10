package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        value(after, "certgate_gateway_handshakes_hybrid_total"); // the hybrid key exchanges (boringssl engine only)
        assertTrue(value(after, "certgate_gateway_snapshot_generation") >= 1, "a generation is served");
        assertTrue(value(after, "certgate_gateway_snapshot_certificates") >= 1);
        assertTrue(value(after, "certgate_gateway_snapshot_rebuild_seconds_count") >= 1, "rebuilt at least once");
        value(after, "certgate_acme_order_duration_seconds_count");
        value(after, "certgate_acme_renewals_total", "outcome", "issued", "cause", "none");
        value(after, "certgate_acme_renewals_total", "outcome", "failed", "cause", "CONNECTION");
        value(after, "certgate_alerts_total", "channel", "email", "outcome", "sent");
        value(after, "certgate_served_checks_total", "outcome", "mismatch");
        value(after, "certgate_served_problems");
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

    /**
     * Two rounds of the check at its 4 handshakes a second over every name the full IT run has stored, so the problem
     * is seen and then confirmed, each with its second look (2 s, up to 30 s for the gateway to catch up): at least
     * 300 s, more when the last round looked at more names (about 370 at this point of a CI run, a round ~95 s; how
     * many depends on which test classes ran before). Read from the server's last round ({@code names}).
     */
    private static Duration servedRounds() throws Exception {
        int names = CertgateApi.get("/gateway/served-check").body().path("names").asInt();
        Duration round = Duration.ofMillis(names * 250L).plusSeconds(35);
        Duration two = round.multipliedBy(2);
        return two.compareTo(Duration.ofSeconds(300)) > 0 ? two : Duration.ofSeconds(300);
    }

    /** bin/test's certgate.gateway.served-check.interval. */
    private static final Duration SERVED_CHECK_INTERVAL = Duration.ofSeconds(
            Long.getLong("certgate.it.served-check-interval-seconds", 10));

    private static String chainPem(String certificateId) throws Exception {
        try (java.sql.Connection c = Database.connect();
             java.sql.PreparedStatement st = c.prepareStatement("SELECT chain_pem FROM certificate WHERE id = ?")) {
            st.setString(1, certificateId);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next(), "certificate " + certificateId + " stored");
                return rs.getString(1);
            }
        }
    }

    /**
     * The served-certificate check: a certificate's chain replaced in the database behind the gateway's back (no
     * change announced, the row version kept, so the gateway goes on serving what it loaded) is found by the node's
     * next check: a SERVED_MISMATCH alert, counted in the metrics; once the row is put back, the problem is gone.
     * (The check runs every SERVED_CHECK_INTERVAL in this harness; a round takes longer the more names the store
     * holds, at most 4 handshakes a second, so the deadline is the interval plus a round.)
     */
    @Test
    void aCertificateReplacedInTheDatabaseBehindTheGatewaysBackIsFound() throws Exception {
        String n = UUID.randomUUID().toString().substring(0, 8);
        String name = "served-" + n + ".test";
        CertgateApi.Answer created = CertgateApi.post("/certificates/self-signed", Map.of("commonName", name));
        assertEquals(201, created.status(), created.body().toString());
        String id = created.body().path("id").asText();
        CertgateApi.Answer other = CertgateApi.post("/certificates/self-signed", Map.of("commonName",
                "served-other-" + n + ".test"));
        assertEquals(201, other.status(), other.body().toString());
        String servedBefore = TlsProbe.sha256(TlsProbe.leafFor(name));
        String own = chainPem(id);
        double mismatchesBefore = value(scrape(), "certgate_served_checks_total", "outcome", "mismatch");

        assertEquals(1, Database.update("UPDATE certificate SET chain_pem = ? WHERE id = ?",
                chainPem(other.body().path("id").asText()), id));
        Duration rounds = servedRounds();
        long replaced = System.nanoTime();
        try {
            Duration deadline = SERVED_CHECK_INTERVAL.plus(rounds);
            JsonNode alert = null;
            while (alert == null && System.nanoTime() - replaced < deadline.toNanos()) {
                for (JsonNode a : CertgateApi.get("/alerts?days=1").body()) {
                    if (a.path("kind").asText().equals("SERVED_MISMATCH") && a.path("target").asText().equals(id)) {
                        alert = a;
                    }
                }
                if (alert == null) {
                    Thread.sleep(500);
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - replaced);
            assertTrue(alert != null, "a SERVED_MISMATCH alert for " + id + " within " + deadline);
            System.out.printf("MetricsIT: the replaced chain of %s was found after %.1f s (check interval %d s)%n",
                    name, took.toMillis() / 1000.0, SERVED_CHECK_INTERVAL.toSeconds());
            assertTrue(alert.path("subject").asText().contains(name), alert.toString());
            assertEquals("CRITICAL", alert.path("severity").asText());
            List<Sample> found = scrape();
            assertTrue(value(found, "certgate_served_problems") >= 1, "counted as a problem");
            assertTrue(servedProblemFor(id), "GET /gateway/served-check names it");
            assertTrue(value(found, "certgate_served_checks_total", "outcome", "mismatch") >= mismatchesBefore + 1);
            assertEquals(servedBefore, TlsProbe.sha256(TlsProbe.leafFor(name)),
                    "the gateway serves what it loaded: only the check saw the change");

            // the Dashboard and the certificate's page show it, in Chromium, without a console error
            ChromeDriver browser = Browser.start();
            try {
                Browser.signIn(browser, ItSettings.OPERATOR);
                AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("signedInUser")));
                browser.get(ItSettings.HTTP + "/certgate/dashboard.xhtml");
                String dashboard = AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(
                        By.id("servedProblems"))).getText();
                assertTrue(dashboard.contains(name) && dashboard.contains("MISMATCH"), dashboard);
                browser.get(ItSettings.HTTP + "/certgate/certificate.xhtml?id=" + id);
                String page = AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(
                        By.id("servedProblems"))).getText();
                assertTrue(page.contains(name) && page.contains("MISMATCH"), page);
                AdminPages.assertNoConsoleErrors(browser);
            } finally {
                browser.quit();
            }
        } finally {
            Database.update("UPDATE certificate SET chain_pem = ? WHERE id = ?", own, id);
        }
        long restored = System.nanoTime();
        Duration deadline = SERVED_CHECK_INTERVAL.plus(servedRounds());
        // the gauge counts every name's problem, and other certificates of a full run (short-lived ACME ones whose
        // test has ended) may start or stop being problems meanwhile: ask for this one by its id
        while (servedProblemFor(id) && System.nanoTime() - restored < deadline.toNanos()) {
            Thread.sleep(500);
        }
        assertFalse(servedProblemFor(id), "served as stored again: " + CertgateApi.get("/gateway/served-check").body());
    }

    /** Whether the last served-check round found a problem with this certificate ({@code GET /gateway/served-check}). */
    private static boolean servedProblemFor(String certificateId) throws Exception {
        CertgateApi.Answer round = CertgateApi.get("/gateway/served-check");
        assertEquals(200, round.status(), round.body().toString());
        for (JsonNode problem : round.body().path("problems")) {
            if (certificateId.equals(problem.path("certificateId").asText())) {
                return true;
            }
        }
        return false;
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
        // a single node serves each change it commits within a moment: "caught up", with the generation it serves
        long caughtUpBy = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!ready.body().contains("caught up: serves generation ") && System.nanoTime() < caughtUpBy) {
            Thread.sleep(200);
            ready = get("/health/ready");
        }
        assertTrue(ready.body().contains("\"changes\"") && ready.body().contains("caught up: serves generation "),
                ready.body());
        assertEquals("UP", JSON.readTree(ready.body()).path("status").asText(), ready.body());
        HttpResponse<String> live = get("/health/live");
        assertEquals(200, live.statusCode(), live.body());
        assertEquals("UP", JSON.readTree(live.body()).path("status").asText(), live.body());
        assertTrue(live.body().contains("certgate-gateway-threads"), live.body());
        assertEquals(200, get("/health").statusCode());
    }
}
