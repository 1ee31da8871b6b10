package dev.certgate.gateway;

import dev.certgate.core.sni.SniFixtures;
import dev.certgate.core.sni.SniSnapshot;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A gateway listener on loopback for tests (both ports free ones), serving the test certificate {@code ec} (names
 * {@code ec.example.test}), with plain clients to talk to it: TLS sockets that trust anything and that may come from
 * another loopback address ({@code 127.0.0.2}: Linux routes all of 127/8 to the loopback interface).
 */
final class TestGateway implements AutoCloseable {

    static final String HOST = "ec.example.test";
    /** A second client address, so a test can tell "the attacker" (127.0.0.1) from "a normal client". */
    static final InetAddress OTHER_CLIENT = address("127.0.0.2");
    static final InetAddress LOOPBACK = address("127.0.0.1");

    /** Answers every request with {@code hello}. */
    static final HttpHandler HELLO = exchange -> {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
        exchange.getResponseSender().send("hello");
    };

    final GatewayListener listener;
    final int httpsPort;
    final int httpPort;

    private TestGateway(GatewayListener listener) {
        this.listener = listener;
        this.httpsPort = listener.httpsAddress().getPort();
        this.httpPort = listener.httpAddress().getPort();
    }

    static TestGateway start(GatewayLimits limits, HttpHandler handler) throws Exception {
        return start(TlsEngine.JSSE, limits, handler);
    }

    /** As {@link #start(GatewayLimits, HttpHandler)} on {@code engine}. */
    static TestGateway start(TlsEngine engine, GatewayLimits limits, HttpHandler handler) throws Exception {
        SniSnapshot snapshot = SniSnapshot.of(List.of(SniFixtures.served("ec")));
        return start(engine, () -> snapshot, limits, handler, HandshakeCounts.NONE);
    }

    /**
     * A listener on {@code engine} serving {@code snapshot}'s certificates, counting in {@code counts}; the native
     * engine must be the one running (see {@link #requireEngine}).
     */
    static TestGateway start(TlsEngine engine, java.util.function.Supplier<SniSnapshot> snapshot,
                             GatewayLimits limits, HttpHandler handler, HandshakeCounts counts) throws Exception {
        requireEngine(engine);
        TestGateway gateway = new TestGateway(onFreePorts((https, http) -> GatewayListener.start(
                settings(https, http).withLimits(limits).withTlsEngine(engine), snapshot, name -> Optional.empty(),
                handler, counts)));
        if (gateway.listener.engine() != engine) {
            gateway.close();
            throw new AssertionError("the gateway runs " + gateway.listener.engine() + ", not " + engine);
        }
        return gateway;
    }

    /** The settings of a test gateway on loopback. */
    static GatewaySettings settings(int httpsPort, int httpPort) {
        return new GatewaySettings("127.0.0.1", httpsPort, httpPort, java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(60));
    }

    /**
     * Fails when {@code engine} is the native one and its library cannot load on linux-x86_64, where the build ships
     * it (a missing library must not turn into skipped tests); elsewhere the native engine's tests are skipped.
     */
    static void requireEngine(TlsEngine engine) {
        if (engine != TlsEngine.BORINGSSL) {
            return;
        }
        Optional<Throwable> unavailable = NativeTls.unavailability();
        boolean shipped = System.getProperty("os.name").startsWith("Linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
        if (shipped) {
            unavailable.ifPresent(cause -> {
                throw new AssertionError("the boringssl engine cannot load on linux-x86_64", cause);
            });
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(unavailable.isEmpty(), "no native TLS library on this platform");
    }

    /** Starts a listener on a free HTTPS and HTTP port. */
    interface Starter {
        GatewayListener start(int httpsPort, int httpPort) throws Exception;
    }

    /**
     * Starts a listener on two free loopback ports, and on two others when one was taken between finding it free and
     * binding it (the machine is shared: other builds bind ports too).
     */
    static GatewayListener onFreePorts(Starter starter) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return starter.start(freePort(), freePort());
            } catch (Exception e) {
                boolean taken = false;
                for (Throwable t = e; t != null && !taken; t = t.getCause()) {
                    taken = t instanceof java.net.BindException;
                }
                if (!taken || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        listener.stop();
    }

    /** A TLS socket to the gateway from {@code from}, not yet handshaken, offering {@code protocols} by ALPN. */
    SSLSocket tls(InetAddress from, String... protocols) throws IOException, GeneralSecurityException {
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, new TrustManager[]{new TrustEverything()}, null); // a new context: a full handshake each
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress(from, 0));
        plain.connect(new InetSocketAddress(LOOPBACK, httpsPort), 5_000);
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(plain, HOST, httpsPort, true);
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(HOST)));
        parameters.setApplicationProtocols(protocols);
        socket.setSSLParameters(parameters);
        return socket;
    }

    /** A plain socket to the gateway's HTTP or HTTPS port from {@code from}. */
    Socket plain(InetAddress from, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress(LOOPBACK, port), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** One full handshake and a {@code Connection: close} GET over HTTPS; the whole answer. */
    String httpsGet(InetAddress from) throws IOException, GeneralSecurityException {
        try (SSLSocket socket = tls(from, "http/1.1")) {
            socket.startHandshake();
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * How long until the peer closes {@code socket} (read gives end of stream or a reset), in ms; -1 if it does not
     * within the socket's timeout.
     */
    static long millisUntilClosed(Socket socket) throws IOException {
        long started = System.nanoTime();
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // drain whatever comes (an alert, a 400 page)
            }
        } catch (java.net.SocketTimeoutException e) {
            return -1;
        } catch (IOException reset) {
            // a reset is a close too
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test certificate is self-signed; what is tested is the gateway's behaviour, not the trust. */
    static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
