package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.certgate.it.UsersIT.body;
import static dev.certgate.it.UsersIT.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alerts end to end against real receivers on loopback: a real SMTP server (GreenMail, where bin/test points the
 * server's mail session) gets the expiry mails with their subject and body, and one digest when many fire at once;
 * a webhook receiver (the JDK's HTTP server) checks the HMAC-SHA256 signature, answers 500 once to see the retry, and
 * sees each alert once (dedupe); an ACME renewal that fails because its CA is away (a Pebble of the test's own,
 * stopped) is one "failing" mail after the second failed attempt, and one "recovered" mail once the CA is back; bad
 * channel input is refused with a field and nothing is saved.
 */
class AlertsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static GreenMail smtp;
    private static HttpServer hooks;
    /** Requests the webhook receiver got: path, signature header, body. */
    private static final List<String[]> received = new CopyOnWriteArrayList<>();
    /** How many more requests to /flaky get a 500 before it answers 200. */
    private static final AtomicInteger flakyFailures = new AtomicInteger();

    @BeforeAll
    static void receivers() throws IOException {
        smtp = new GreenMail(new ServerSetup(ItSettings.SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        hooks.createContext("/", exchange -> {
            byte[] bodyBytes;
            try (InputStream in = exchange.getRequestBody()) {
                bodyBytes = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            received.add(new String[]{path, exchange.getRequestHeaders().getFirst("X-Certgate-Signature"),
                    new String(bodyBytes, StandardCharsets.UTF_8)});
            int status = path.equals("/broken") ? 500
                    : path.equals("/flaky") && flakyFailures.getAndDecrement() > 0 ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        hooks.start();
    }

    @AfterAll
    static void stop() {
        if (smtp != null) {
            smtp.stop();
        }
        if (hooks != null) {
            hooks.stop(0);
        }
    }

    private static String nonce() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Runs the check until this call ran it (the timer on the server may hold the lease for a moment). */
    static JsonNode check() throws Exception {
        for (int i = 0; i < 20; i++) {
            CertgateApi.Answer answer = call("POST", "/alerts/check", null, ItSettings.OPERATOR);
            assertEquals(200, answer.status(), answer.body().toString());
            if (answer.body().path("ran").asBoolean()) {
                return answer.body();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the alert check was never free to run");
    }

    private static String addChannel(Map<String, Object> spec) throws Exception {
        CertgateApi.Answer added = call("POST", "/alerts/channels", spec, ItSettings.OPERATOR);
        assertEquals(201, added.status(), added.body().toString());
        assertTrue(added.body().path("secret").isMissingNode(), "never the secret: " + added.body());
        return added.body().path("id").asText();
    }

    private static void removeChannel(String id) throws Exception {
        assertEquals(204, call("DELETE", "/alerts/channels/" + id, null, ItSettings.OPERATOR).status());
    }

    private static String selfSigned(String commonName, int validityDays) throws Exception {
        CertgateApi.Answer answer = CertgateApi.post("/certificates/self-signed", Map.of("commonName", commonName,
                "validityDays", validityDays));
        assertEquals(201, answer.status(), answer.body().toString());
        return answer.body().path("id").asText();
    }

    private static List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> a.toString().equals(address))) {
                mails.add(message);
            }
        }
        return mails;
    }

    private static List<MimeMessage> awaitMails(String address, int count) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<MimeMessage> mails = mailsTo(address);
            if (mails.size() >= count) {
                return mails;
            }
            Thread.sleep(200);
        }
        return mailsTo(address);
    }

    /**
     * An ACME renewal that fails because the CA is away, then works again: exactly one "failing" mail (after the
     * second failed attempt, with the cause in plain words and what to do) and exactly one "recovered" mail. The CA
     * is a real Pebble of this test's own ({@link OwnPebble}), stopped and started again: it has then forgotten the
     * account, which certgate registers again by itself. The SMTP server and certgate are real too.
     */
    @Test
    void anAcmeRenewalThatFailsThenWorksIsOneFailingMailAndOneRecoveredMail() throws Exception {
        check(); // what the store raises before this test goes to the channels there were before
        String address = "acme-" + nonce() + "@certgate.test";
        String channel = addChannel(body("type", "EMAIL", "address", address, "description", "AlertsIT ACME"));
        String application = null;
        try (OwnPebble ca = new OwnPebble("alerts", ItSettings.OWN_PEBBLE_PORTS + 22, 3600)) {
            assertEquals(200, AcmeIT.saveAccount(ca.directory()).status());
            String domain = AcmeIT.unique("alerts-acme");
            application = AcmeIT.application(domain, "HTTP_01");
            AcmeIT.awaitValid(domain);

            ca.stop();
            AcmeCaDownIT.renewAndAwaitFailure(domain, 1);
            check();
            assertEquals(0, alerts(domain, "ACME_FAILING"), "not after the first failed attempt");
            AcmeCaDownIT.renewAndAwaitFailure(domain, 2);
            check();
            assertEquals(1, alerts(domain, "ACME_FAILING"), "one alert after the second failed attempt");
            List<MimeMessage> failing = awaitMailsAbout(address, domain, 1);
            assertEquals(1, failing.size(), "one failing mail");
            assertEquals("[certgate] ACME renewal for " + domain + " is failing (2 attempts)",
                    failing.get(0).getSubject());
            String text = String.valueOf(failing.get(0).getContent());
            assertTrue(text.contains("ACME renewal for " + domain + " has failed 2 times in a row.")
                    && text.contains("still served") && text.contains("Why: ") && text.contains("What to do: "),
                    text);
            check(); // still failing: nothing new
            assertEquals(1, alerts(domain, "ACME_FAILING"));

            ca.start(); // a Pebble that has forgotten every account: certgate registers again
            Instant back = Instant.now().minusSeconds(1);
            assertEquals(202, CertgateApi.post("/acme/domains/" + domain + "/renew", Map.of()).status());
            AcmeIT.await(domain, s -> s.get("state").asText().equals("VALID")
                    && Instant.parse(s.get("lastAttempt").asText()).isAfter(back), Duration.ofSeconds(60));
            check();
            assertEquals(1, alerts(domain, "ACME_RECOVERED"), "one alert when it works again");
            List<MimeMessage> mails = awaitMailsAbout(address, domain, 2);
            assertEquals(2, mails.size(), "the failing mail and one recovered mail");
            assertEquals("[certgate] Recovered: ACME renewal for " + domain + " works again",
                    mails.get(1).getSubject());
            assertTrue(String.valueOf(mails.get(1).getContent()).contains("Nothing needs to be done."));
            check(); // working: nothing new
            Thread.sleep(1_000);
            assertEquals(2, mailsAbout(address, domain).size(), "each sent once");
            assertEquals(1, alerts(domain, "ACME_FAILING"));
            assertEquals(1, alerts(domain, "ACME_RECOVERED"));
        } finally {
            removeChannel(channel);
            if (application != null) {
                CertgateApi.delete("/applications/" + application); // no more renewals against this CA
            }
            assertEquals(200, AcmeIT.saveAccount(ItSettings.ACME_DIRECTORY).status());
        }
    }

    /** How many alerts of the last day of this kind there are for this target (GET /alerts). */
    private static long alerts(String target, String kind) throws Exception {
        CertgateApi.Answer recent = CertgateApi.get("/alerts?days=1");
        assertEquals(200, recent.status(), recent.body().toString());
        long count = 0;
        for (JsonNode alert : recent.body()) {
            if (alert.path("kind").asText().equals(kind) && alert.path("target").asText().equals(target)) {
                count++;
            }
        }
        return count;
    }

    private static List<MimeMessage> mailsAbout(String address, String domain) throws Exception {
        List<MimeMessage> about = new ArrayList<>();
        for (MimeMessage mail : mailsTo(address)) {
            if (mail.getSubject().contains(domain)) {
                about.add(mail);
            }
        }
        return about;
    }

    private static List<MimeMessage> awaitMailsAbout(String address, String domain, int count) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && mailsAbout(address, domain).size() < count) {
            Thread.sleep(200);
        }
        return mailsAbout(address, domain);
    }

    @Test
    void anExpiryGoesOutByMailOncePerThresholdWithItsSubjectAndBodyAndIsAudited() throws Exception {
        check(); // what the store raises before this test goes to the channels there were before
        String address = "ops-" + nonce() + "@certgate.test";
        String channel = addChannel(body("type", "EMAIL", "address", address, "description", "AlertsIT"));
        try {
            String name = "expiry-" + nonce() + ".alerts.test";
            String id = selfSigned(name, 5);
            check();
            List<MimeMessage> mails = awaitMails(address, 1);
            assertEquals(1, mails.size(), "one alert mail");
            MimeMessage mail = mails.get(0);
            assertEquals("[certgate] Warning: the certificate for " + name + " expires in 5 days", mail.getSubject());
            assertEquals("certgate-it@certgate.test", mail.getFrom()[0].toString());
            String text = String.valueOf(mail.getContent());
            assertTrue(text.contains("The certificate for " + name + " expires in 5 days (7-day alert)."), text);
            assertTrue(text.contains("(id " + id + ", self signed)"), text);
            assertTrue(text.contains("Valid until: "), text);
            assertTrue(text.contains("What to do: obtain a new certificate"), text);

            check(); // the same threshold again: nothing new
            Thread.sleep(1_000);
            assertEquals(1, mailsTo(address).size(), "deduped: " + mailsTo(address).size() + " mails");

            CertgateApi.Answer recent = CertgateApi.get("/alerts?days=1");
            assertEquals(200, recent.status());
            assertTrue(recent.body().toString().contains(mail.getSubject()), recent.body().toString());
            CertgateApi.Answer log = CertgateApi.get("/alerts/channels/" + channel + "/deliveries");
            assertEquals(200, log.status());
            assertEquals("SENT", log.body().get(0).path("outcome").asText(), log.body().toString());
            assertEquals("OK", CertgateApi.get("/alerts/channels/" + channel).body().path("status").asText());
            CertgateApi.Answer audit = call("GET", "/audit?action=ALERT_SENT&size=200", null, ItSettings.ADMIN);
            assertTrue(audit.body().toString().contains("to " + address + " (e-mail)"), audit.body().toString());
        } finally {
            removeChannel(channel);
        }
    }

    @Test
    void manyAlertsAtOnceAreOneDigest() throws Exception {
        check();
        String address = "digest-" + nonce() + "@certgate.test";
        String channel = addChannel(body("type", "EMAIL", "address", address));
        try {
            String n = nonce();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                names.add("digest-" + i + "-" + n + ".alerts.test");
                selfSigned(names.get(i), 2);
            }
            JsonNode ran = check();
            assertEquals(6, ran.path("raised").asInt(), ran.toString());
            List<MimeMessage> mails = awaitMails(address, 1);
            Thread.sleep(1_000);
            mails = mailsTo(address);
            assertEquals(1, mails.size(), "one digest, not a storm");
            assertEquals("[certgate] 6 alerts (6 critical)", mails.get(0).getSubject());
            String text = String.valueOf(mails.get(0).getContent());
            for (String name : names) {
                assertTrue(text.contains("URGENT: the certificate for " + name + " expires in 2 days"), text);
            }
        } finally {
            removeChannel(channel);
        }
    }

    private static String signature(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String[]> requestsTo(String path, String containing) {
        return received.stream().filter(r -> r[0].equals(path) && r[2].contains(containing)).toList();
    }

    @Test
    void aWebhookGetsSignedJsonRetriedAfterA500AndEachAlertOnce() throws Exception {
        check();
        String secret = "whsec-" + UUID.randomUUID();
        String url = "http://127.0.0.1:" + hooks.getAddress().getPort() + "/flaky";
        String channel = addChannel(body("type", "WEBHOOK", "url", url, "secret", secret));
        try {
            flakyFailures.set(1);
            CertgateApi.Answer test = call("POST", "/alerts/channels/" + channel + "/test", null,
                    ItSettings.OPERATOR);
            assertEquals(200, test.status(), test.body().toString());
            assertEquals("SENT", test.body().path("outcome").asText(), test.body().toString());
            assertEquals(2, test.body().path("attempts").asInt(), "retried after the 500: " + test.body());
            List<String[]> tries = requestsTo("/flaky", "\"TEST\"");
            assertEquals(2, tries.size());
            assertEquals(tries.get(0)[2], tries.get(1)[2], "the retry sends the same body");
            for (String[] r : tries) {
                assertEquals(signature(secret, r[2]), r[1], "X-Certgate-Signature over the body");
            }
            JsonNode payload = JSON.readTree(tries.get(0)[2]);
            assertEquals("certgate", payload.path("source").asText());
            assertEquals("TEST", payload.path("alerts").get(0).path("kind").asText());

            String name = "hook-" + nonce() + ".alerts.test";
            selfSigned(name, 3);
            check();
            check();
            List<String[]> alerts = requestsTo("/flaky", name);
            assertEquals(1, alerts.size(), "each alert once");
            JsonNode alert = JSON.readTree(alerts.get(0)[2]).path("alerts").get(0);
            assertEquals("EXPIRY", alert.path("kind").asText());
            assertEquals("CRITICAL", alert.path("severity").asText());
            assertEquals(signature(secret, alerts.get(0)[2]), alerts.get(0)[1]);
        } finally {
            removeChannel(channel);
        }
    }

    @Test
    void aChannelThatKeepsFailingShowsFailingWithItsCause() throws Exception {
        String url = "http://127.0.0.1:" + hooks.getAddress().getPort() + "/broken";
        String channel = addChannel(body("type", "WEBHOOK", "url", url, "secret", "0123456789abcdef"));
        try {
            CertgateApi.Answer test = call("POST", "/alerts/channels/" + channel + "/test", null,
                    ItSettings.OPERATOR);
            assertEquals(200, test.status(), test.body().toString());
            assertEquals("FAILED", test.body().path("outcome").asText());
            assertEquals(4, test.body().path("attempts").asInt(), "every attempt: " + test.body());
            assertEquals("HTTP 500", test.body().path("detail").asText());
            JsonNode view = CertgateApi.get("/alerts/channels/" + channel).body();
            assertEquals("FAILING", view.path("status").asText());
            assertEquals("HTTP 500", view.path("lastError").asText());
            CertgateApi.Answer audit = call("GET", "/audit?action=ALERT_SEND_FAILED&size=200", null,
                    ItSettings.ADMIN);
            assertTrue(audit.body().toString().contains(url), audit.body().toString());
        } finally {
            removeChannel(channel);
        }
    }

    private static void assertRefused(Map<String, Object> spec, int status, String field, String words)
            throws Exception {
        CertgateApi.Answer answer = call("POST", "/alerts/channels", spec, ItSettings.OPERATOR);
        assertEquals(status, answer.status(), answer.body().toString());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        String detail = answer.body().path("detail").asText();
        assertTrue(detail.contains(words), detail);
        assertFalse(answer.body().toString().contains("Exception"), "no stack trace: " + answer.body());
        if (field != null) {
            assertEquals(field, answer.body().path("errors").get(0).path("field").asText(), answer.body().toString());
        }
    }

    @Test
    void badChannelInputIsRefusedWithItsFieldAndNothingIsSaved() throws Exception {
        int before = CertgateApi.get("/alerts/channels").body().size();
        String n = nonce();
        assertRefused(body("type", "EMAIL", "address", "not an address " + n), 400, "address",
                "is not an e-mail address");
        assertRefused(body("type", "EMAIL", "address", "ops@" + n + "@example.com"), 400, "address",
                "is not an e-mail address");
        assertRefused(body("type", "EMAIL"), 400, "address", "Give the e-mail address");
        assertRefused(body("type", "SMS", "address", "ops@example.com"), 400, "type", "EMAIL or WEBHOOK");
        assertRefused(body(), 400, "type", "EMAIL or WEBHOOK");
        assertRefused(body("type", "WEBHOOK", "url", "ftp://hooks.example.com/" + n, "secret", "0123456789abcdef"),
                400, "url", "starts with http:// or https://");
        assertRefused(body("type", "WEBHOOK", "url", "http://", "secret", "0123456789abcdef"), 400, "url", "");
        assertRefused(body("type", "WEBHOOK", "url", "https://user:pw@hooks.example.com/" + n, "secret",
                "0123456789abcdef"), 400, "url", "no user name or password");
        assertRefused(body("type", "WEBHOOK", "url", "https://hooks.example.com/" + n, "secret", "short"), 400,
                "secret", "16 to 256 characters");
        assertRefused(body("type", "WEBHOOK", "url", "https://hooks.example.com/" + n), 400, "secret",
                "Give the webhook's secret");
        assertEquals(before, CertgateApi.get("/alerts/channels").body().size(), "nothing half-saved");

        String address = "dup-" + n + "@certgate.test";
        String channel = addChannel(body("type", "EMAIL", "address", address));
        try {
            assertRefused(body("type", "EMAIL", "address", address), 409, null, "Alerts already go to " + address);
            assertEquals(403, call("POST", "/alerts/channels", body("type", "EMAIL", "address", "x-" + address),
                    ItSettings.AUDITOR).status(), "an auditor changes nothing");
            assertEquals(before + 1, CertgateApi.get("/alerts/channels").body().size());
        } finally {
            removeChannel(channel);
        }
        assertEquals(404, call("POST", "/alerts/channels/no-such-id/test", null, ItSettings.OPERATOR).status());
        assertEquals(400, CertgateApi.get("/alerts?days=0").status());
        assertEquals(400, CertgateApi.get("/alerts?days=x").status());
    }
}
