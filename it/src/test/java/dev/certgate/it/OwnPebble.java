package dev.certgate.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A Pebble of a test class's own, started (and restarted, and stopped) by the test itself: the real CA, with the
 * throw-away HTTPS certificate bin/test made for every Pebble, validating against the gateway's ports and asking the
 * mock DNS bin/test runs. Its certificates live {@code validitySeconds}. Stopped by its own process handle only.
 */
final class OwnPebble implements AutoCloseable {

    private final Path config;
    private final int port;
    private Process process;

    /**
     * @param port            its ACME port (its management API listens 1000 above)
     * @param validitySeconds how long its certificates live
     */
    OwnPebble(String name, int port, int validitySeconds) throws IOException, InterruptedException {
        this.port = port;
        Path dir = ItSettings.PEBBLE_DIR;
        config = dir.resolve("pebble-" + name + "-config.json");
        Files.writeString(config, "{\"pebble\": {\"listenAddress\": \"127.0.0.1:" + port + "\","
                + " \"managementListenAddress\": \"127.0.0.1:" + (port + 1000) + "\","
                + " \"certificate\": \"localhost.pem\", \"privateKey\": \"localhost.key\","
                + " \"httpPort\": " + ItSettings.GATEWAY_HTTP_PORT + ", \"tlsPort\": " + ItSettings.GATEWAY_PORT + ","
                + " \"ocspResponderURL\": \"\", \"certificateValidityPeriod\": " + validitySeconds + "}}");
        start();
    }

    /** Its directory URL. */
    String directory() {
        return "https://127.0.0.1:" + port + "/dir";
    }

    URI base() {
        return URI.create("https://127.0.0.1:" + port);
    }

    /** Stops it and starts it again: Pebble then has forgotten every account, order and certificate. */
    void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    /** Starts it (again, after {@link #stop()}): a Pebble that has forgotten every account, order and certificate. */
    void start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("pebble", "-config", config.toString(), "-dnsserver",
                ItSettings.CHALLTESTSRV_DNS).directory(ItSettings.PEBBLE_DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(config.resolveSibling(
                        config.getFileName() + ".log").toFile()));
        builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
        builder.environment().put("PEBBLE_AUTHZREUSE", "0");
        process = builder.start();
        HttpClient client;
        try {
            client = HttpClient.newBuilder().sslContext(TlsProbe.acceptingAnyCertificate())
                    .connectTimeout(Duration.ofSeconds(2)).build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(directory())).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive()) {
                throw new IOException("Pebble " + config + " ended at once; see its .log beside the config");
            }
            Thread.sleep(200);
        }
        throw new IOException("Pebble " + config + " did not answer at " + directory());
    }

    /** Stops it; {@link #start()} starts it again. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
