package dev.certgate.acme.dns;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * A real BIND 9 ({@code named} from Debian's bind9 package) on a free loopback port, primary for
 * {@code example.test} and accepting dynamic updates signed with one TSIG key. Stopped by {@link #close()}.
 */
final class Bind9 implements AutoCloseable {

    static final String ZONE = "example.test";
    static final String KEY_NAME = "certgate.";
    private static final Path NAMED = Path.of("/usr/sbin/named");

    final Path dir;
    final int port;
    final byte[] secret = new byte[32];
    final Path secretFile;
    private final Process process;

    Bind9(Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(NAMED)) {
            throw new IllegalStateException(NAMED + " is missing: install Debian's bind9 package (.ci/run does)");
        }
        this.dir = dir;
        this.port = freePort();
        new SecureRandom().nextBytes(secret);
        String base64 = Base64.getEncoder().encodeToString(secret);
        secretFile = dir.resolve("certgate.key");
        // A BIND key file, as tsig-keygen writes it: the publisher reads either this or a bare base64 secret.
        Files.writeString(secretFile, "key \"" + KEY_NAME + "\" {\n\talgorithm hmac-sha256;\n\tsecret \"" + base64
                + "\";\n};\n");
        Files.writeString(dir.resolve("named.conf"), String.join("\n",
                "include \"" + secretFile + "\";",
                "options {",
                "  directory \"" + dir + "\";",
                "  pid-file \"" + dir.resolve("named.pid") + "\";",
                "  session-keyfile \"" + dir.resolve("session.key") + "\";",
                "  listen-on port " + port + " { 127.0.0.1; };",
                "  listen-on-v6 { none; };",
                "  recursion no;",
                "  notify no;",
                "  dnssec-validation no;",
                "};",
                "controls { };",
                "zone \"" + ZONE + "\" {",
                "  type primary;",
                "  file \"" + dir.resolve(ZONE + ".zone") + "\";",
                "  allow-update { key \"" + KEY_NAME + "\"; };",
                "};", ""));
        Files.writeString(dir.resolve(ZONE + ".zone"), String.join("\n",
                "$TTL 60",
                "@ IN SOA ns." + ZONE + ". hostmaster." + ZONE + ". 1 60 60 600 60",
                "@ IN NS ns." + ZONE + ".",
                "ns IN A 127.0.0.1", ""));
        process = new ProcessBuilder(NAMED.toString(), "-g", "-4", "-c", dir.resolve("named.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("named.log").toFile()).start();
        awaitReady();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Path log = dir.resolve("named.log");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("named stopped:\n" + Files.readString(log));
            }
            // "running" can be logged before the UDP listener answers on a loaded machine: also wait for an answer
            if (Files.exists(log) && Files.readString(log).contains("running") && answersUdp()) {
                return;
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("named did not start in 20 s:\n" + Files.readString(log));
    }

    /** Whether named answers an SOA query for the zone over UDP within half a second. */
    private boolean answersUdp() {
        try {
            org.xbill.DNS.SimpleResolver resolver = new org.xbill.DNS.SimpleResolver(InetAddress.getLoopbackAddress());
            resolver.setPort(port);
            resolver.setTimeout(Duration.ofMillis(500));
            org.xbill.DNS.Message query = org.xbill.DNS.Message.newQuery(org.xbill.DNS.Record.newRecord(
                    org.xbill.DNS.Name.fromString(ZONE + "."), org.xbill.DNS.Type.SOA, org.xbill.DNS.DClass.IN));
            return resolver.send(query).getRcode() == org.xbill.DNS.Rcode.NOERROR;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        port))) {
                    return udp.getLocalPort();
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no free loopback port for both TCP and UDP");
    }

    /** Stops named; an interrupt while waiting for it is kept for the caller (the flag is set again). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
