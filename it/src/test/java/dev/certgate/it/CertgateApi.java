package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** certgate's REST API, called over real HTTP. */
final class CertgateApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A status with its JSON body. */
    record Answer(int status, String contentType, JsonNode body) {
    }

    private CertgateApi() {
    }

    static Answer importPem(String certificate, String privateKey) throws IOException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("certificate", certificate);
        body.put("privateKey", privateKey);
        return send(HttpRequest.newBuilder(URI.create(ItSettings.HTTP + "/certgate/api/v1/certificates"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    static Answer list() throws IOException {
        return send(HttpRequest.newBuilder(URI.create(ItSettings.HTTP + "/certgate/api/v1/certificates")).GET());
    }

    private static Answer send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), type, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
