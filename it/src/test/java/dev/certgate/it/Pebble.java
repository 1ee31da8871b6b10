package dev.certgate.it;

import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The test ACME CA (Pebble) and its DNS (pebble-challtestsrv), through their management APIs. */
final class Pebble {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Pebble() {
    }

    /** Pebble's record of a certificate it issued, by serial (hex): its JSON, with "Status" Valid or Revoked. */
    static String certificateStatus(String serialHex) throws IOException, GeneralSecurityException {
        HttpResponse<String> answer = send(client(), HttpRequest.newBuilder(
                URI.create(ItSettings.PEBBLE_MANAGEMENT + "/cert-status-by-serial/" + serialHex)).GET());
        return answer.statusCode() + " " + answer.body();
    }

    /** Makes the DNS answer {@code host} with {@code address} (so Pebble validates against that address). */
    static void addA(String host, String address) throws IOException, GeneralSecurityException {
        dns("/add-a", Map.of("host", host + ".", "addresses", List.of(address)));
    }

    /** Back to the default answer (127.0.0.1) for {@code host}. */
    static void clearA(String host) throws IOException, GeneralSecurityException {
        dns("/clear-a", Map.of("host", host + "."));
    }

    /** Makes the DNS answer SERVFAIL to every question about {@code host} (a broken zone). */
    static void setServfail(String host) throws IOException, GeneralSecurityException {
        dns("/set-servfail", Map.of("host", host + "."));
    }

    static void clearServfail(String host) throws IOException, GeneralSecurityException {
        dns("/clear-servfail", Map.of("host", host + "."));
    }

    /** Gives {@code host} one CAA record: {@code tag} (issue, issuewild, …) with {@code value}. */
    static void addCaa(String host, String tag, String value) throws IOException, GeneralSecurityException {
        dns("/add-caa", Map.of("host", host + ".", "policies", List.of(Map.of("tag", tag, "value", value))));
    }

    static void clearCaa(String host) throws IOException, GeneralSecurityException {
        dns("/clear-caa", Map.of("host", host + "."));
    }

    private static void dns(String path, Map<String, ?> body) throws IOException, GeneralSecurityException {
        HttpResponse<String> answer = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                URI.create(ItSettings.CHALLTESTSRV + path)).POST(HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(body))));
        if (answer.statusCode() != 200) {
            throw new IOException("challtestsrv " + path + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws IOException {
        try {
            return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Pebble's management API has a throw-away certificate; what it says is all the test reads. */
    private static HttpClient client() throws GeneralSecurityException {
        SSLContext context = TlsProbe.acceptingAnyCertificate();
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
