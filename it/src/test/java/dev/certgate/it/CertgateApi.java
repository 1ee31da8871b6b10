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
        return get("/certificates");
    }

    /** GET of a path under /api/v1 (with its query string). */
    static Answer get(String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(ItSettings.HTTP + "/certgate/api/v1" + path)).GET());
    }

    /** The raw text of a GET under /api/v1. */
    static String text(String path) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(ItSettings.HTTP + "/certgate/api/v1" + path)).timeout(Duration.ofSeconds(30))
                            .header("Authorization", ItSettings.OPERATOR.basic()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + path + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** POST of a JSON object under /api/v1. */
    static Answer post(String path, Map<String, ?> body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(ItSettings.HTTP + "/certgate/api/v1" + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** PUT of a JSON object under /api/v1. */
    static Answer put(String path, Map<String, ?> body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(ItSettings.HTTP + "/certgate/api/v1" + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** A request to a path under /api/v1, for {@link #send(HttpRequest.Builder, ItSettings.User)}. */
    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(ItSettings.HTTP + "/certgate/api/v1" + path));
    }

    /**
     * Makes sure the installation has a local CA, creating one for any name (as the admin) when there is none: nothing
     * creates it as a side effect any more (issue 14 point 5), so every test that issues from it or reads its root
     * calls this first. An existing one is kept as it is (409); LocalCaIT leaves the one it found.
     */
    static void ensureLocalCa() throws IOException {
        Answer answer = send(request("/local-ca").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")), ItSettings.ADMIN);
        if (answer.status() != 201 && answer.status() != 409) {
            throw new IOException("POST /local-ca: " + answer.status() + " " + answer.body());
        }
    }

    static String json(Map<String, ?> body) throws IOException {
        return JSON.writeValueAsString(body);
    }

    static Answer delete(String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(ItSettings.HTTP + "/certgate/api/v1" + path)).DELETE());
    }

    /** Sends as the operator. */
    private static Answer send(HttpRequest.Builder request) throws IOException {
        return send(request, ItSettings.OPERATOR);
    }

    /** Sends as {@code user}; null sends no credentials. */
    static Answer send(HttpRequest.Builder request, ItSettings.User user) throws IOException {
        if (user != null) {
            request.header("Authorization", user.basic());
        }
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body;
            try {
                body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            } catch (IOException notJson) {
                body = JSON.getNodeFactory().textNode(response.body());
            }
            return new Answer(response.statusCode(), type, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
