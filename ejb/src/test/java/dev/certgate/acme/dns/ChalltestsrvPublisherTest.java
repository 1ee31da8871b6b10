package dev.certgate.acme.dns;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.certgate.settings.CertgateSettings.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test CA's DNS: records set through a real pebble-challtestsrv's management API, seen in its DNS answers. */
class ChalltestsrvPublisherTest {

    private static final Path CHALLTESTSRV = Path.of("/usr/bin/pebble-challtestsrv");
    private static Process process;
    private static int dnsPort;
    private static int managementPort;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(CHALLTESTSRV)) {
            throw new IllegalStateException(CHALLTESTSRV + " is missing: install Debian's pebble package (.ci/run does)");
        }
        dnsPort = freePort();
        managementPort = freePort();
        process = new ProcessBuilder(CHALLTESTSRV.toString(), "-dns01", "127.0.0.1:" + dnsPort, "-http01", "",
                "-https01", "", "-tlsalpn01", "", "-management", "127.0.0.1:" + managementPort,
                "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            // ready when both its management API and its DNS (UDP, which may come later on a loaded machine) answer
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), managementPort)) {
                new DnsLookup(new java.net.InetSocketAddress("127.0.0.1", dnsPort)).txt("ready.example.test");
                return;
            } catch (IOException | DnsUpdateException notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("pebble-challtestsrv did not start", notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (process != null) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Dns01Publisher publisher(String url) throws DnsUpdateException {
        return Dns01Publishers.from(Map.of(ACME_DNS_PROVIDER.name(), "challtestsrv",
                ACME_DNS_CHALLTESTSRV_URL.name(), url,
                ACME_DNS_RESOLVER.name(), "127.0.0.1:" + dnsPort)::get).orElseThrow();
    }

    @Test
    void publishesAndRemoves() throws Exception {
        Dns01Publisher publisher = publisher("http://127.0.0.1:" + managementPort);
        String name = "_acme-challenge.wild.example.test";
        publisher.publish(name, "digest-1");
        publisher.awaitVisible(name, "digest-1", Duration.ofSeconds(5));
        assertEquals(List.of("digest-1"), new DnsLookup(new java.net.InetSocketAddress("127.0.0.1", dnsPort))
                .txt(name));
        publisher.remove(name, "digest-1");
        assertEquals(List.of(), new DnsLookup(new java.net.InetSocketAddress("127.0.0.1", dnsPort)).txt(name));
    }

    @Test
    void anUnreachableManagementApiIsAClearFailure() throws Exception {
        int closed = freePort();
        DnsUpdateException failure = assertThrows(DnsUpdateException.class,
                () -> publisher("http://127.0.0.1:" + closed).publish("_acme-challenge.a.example.test", "v"));
        assertTrue(failure.getMessage().startsWith("pebble-challtestsrv at http://127.0.0.1:" + closed
                + " did not answer /set-txt"), failure.getMessage());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
