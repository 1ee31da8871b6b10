package dev.certgate.alerts;

import dev.certgate.core.alerts.Alert;
import dev.certgate.core.alerts.AlertMessage;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Posts alerts to webhooks: a JSON body, signed with HMAC-SHA256 under the channel's secret
 * ({@code X-Certgate-Signature: sha256=<hex>}, over the exact bytes of the body), retried with backoff after a
 * connection failure, a 5xx or a 429; any other status is final (a 2xx: sent).
 */
final class WebhookSender {

    static final String SIGNATURE_HEADER = "X-Certgate-Signature";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private WebhookSender() {
    }

    /** The JSON body of {@code message}. */
    static String body(AlertMessage message, String deliveryId, Instant sentAt) {
        JsonArrayBuilder alerts = Json.createArrayBuilder();
        for (Alert alert : message.alerts()) {
            alerts.add(Json.createObjectBuilder()
                    .add("key", alert.key())
                    .add("kind", alert.kind().name())
                    .add("severity", alert.severity().name())
                    .add("target", alert.target())
                    .add("subject", alert.subject())
                    .add("text", alert.text())
                    .add("raisedAt", alert.raisedAt().toString()));
        }
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("source", "certgate")
                .add("delivery", deliveryId)
                .add("sentAt", sentAt.toString())
                .add("digest", message.digest())
                .add("subject", message.subject())
                .add("text", message.text())
                .add("alerts", alerts);
        return body.build().toString();
    }

    /** {@code sha256=<hex of HMAC-SHA256(secret, body)>}. */
    static String signature(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    static Sent post(URI url, byte[] secret, String json, String deliveryId, int attempts, Duration backoff) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "certgate")
                .header("X-Certgate-Delivery", deliveryId)
                .header(SIGNATURE_HEADER, signature(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return Retries.run(attempts, backoff, () -> {
            try {
                int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                boolean ok = status >= 200 && status < 300;
                return new Retries.Try(ok, status >= 500 || status == 429, "HTTP " + status);
            } catch (IOException e) {
                return new Retries.Try(false, true, "could not connect or send: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Retries.Try(false, false, "interrupted");
            }
        });
    }
}
