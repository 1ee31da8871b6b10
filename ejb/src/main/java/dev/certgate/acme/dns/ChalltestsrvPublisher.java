package dev.certgate.acme.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * Publishes DNS-01 records in pebble-challtestsrv, the mock DNS server of Let's Encrypt's test CA Pebble, through its
 * management API ({@code /set-txt}, {@code /clear-txt}). For tests and trials only: challtestsrv clears every
 * value at a name at once.
 */
public final class ChalltestsrvPublisher implements Dns01Publisher {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI management;
    private final DnsLookup dns;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /**
     * @param management its management API, e.g. {@code http://127.0.0.1:8055}
     * @param dns        its DNS server, e.g. 127.0.0.1:8053, where visibility is checked
     */
    public ChalltestsrvPublisher(URI management, InetSocketAddress dns) {
        this.management = Objects.requireNonNull(management, "management");
        this.dns = new DnsLookup(Objects.requireNonNull(dns, "dns"));
    }

    @Override
    public void publish(String recordName, String value) throws DnsUpdateException {
        post("/set-txt", "{\"host\":\"" + fqdn(recordName) + "\",\"value\":\"" + json(value) + "\"}");
    }

    @Override
    public void awaitVisible(String recordName, String value, Duration timeout) throws DnsUpdateException {
        dns.awaitTxt(recordName, value, timeout);
    }

    @Override
    public void remove(String recordName, String value) throws DnsUpdateException {
        post("/clear-txt", "{\"host\":\"" + fqdn(recordName) + "\"}");
    }

    @Override
    public String describe() {
        return "pebble-challtestsrv at " + management;
    }

    private void post(String path, String body) throws DnsUpdateException {
        HttpRequest request = HttpRequest.newBuilder(management.resolve(path)).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new DnsUpdateException(describe() + " answered " + response.statusCode() + " to " + path + ".");
            }
        } catch (IOException e) {
            throw new DnsUpdateException(describe() + " did not answer " + path + " (" + DnsLookup.reason(e) + ").",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DnsUpdateException("Interrupted while calling " + describe() + ".", e);
        }
    }

    private static String fqdn(String name) throws DnsUpdateException {
        String absolute = DnsLookup.absolute(name).toString();
        return json(absolute);
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
