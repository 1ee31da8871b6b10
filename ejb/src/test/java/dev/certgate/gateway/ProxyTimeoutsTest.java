package dev.certgate.gateway;

import dev.certgate.core.sni.SniSnapshot;
import io.undertow.Undertow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's handler and proxy on a real Undertow (plain HTTP on loopback) in front of backends that misbehave:
 * one that accepts and never answers (read timeout → 504 page) and one whose accept queue is full, so that a new
 * connection is neither accepted nor refused (connect timeout → 502 page).
 */
class ProxyTimeoutsTest {

    private static final Duration CONNECT = Duration.ofMillis(700);
    private static final Duration READ = Duration.ofMillis(1500);

    private final List<AutoCloseable> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Undertow gateway;

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.stop();
        }
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    private int startGateway(String host, URI backend) {
        return startGateway(host, backend, READ);
    }

    private int startGateway(String host, URI backend, Duration read) {
        Route route = new Route("app-id", "app-" + host, List.of(backend), false, false);
        GatewayState state = new GatewayState(SniSnapshot.empty(), Routes.of(Map.of(host, route)),
                PendingChallenges.none());
        GatewayHandler handler = new GatewayHandler(() -> state, new Proxies(CONNECT, read), token -> Optional.empty(),
                443);
        gateway = Undertow.builder().setIoThreads(1).setWorkerThreads(2)
                .addHttpListener(0, "127.0.0.1").setHandler(handler).build();
        gateway.start();
        return ((InetSocketAddress) gateway.getListenerInfo().get(0).getAddress()).getPort();
    }

    private static String get(int port, String host) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("GET /slow HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** A backend that accepts connections and reads requests but never answers. */
    private URI silentBackend() throws IOException {
        return backend(50, accepted -> {
            // held open, never answered
        });
    }

    /**
     * A backend on loopback: every accepted connection is kept (closed when the test ends) and handed to
     * {@code onAccept} on the accepting thread.
     */
    private URI backend(int backlog, java.util.function.Consumer<Socket> onAccept) throws IOException {
        ServerSocket server = new ServerSocket(0, backlog, InetAddress.getLoopbackAddress());
        opened.add(server);
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket accepted = server.accept();
                    opened.add(accepted);
                    onAccept.accept(accepted);
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    @Test
    void aBackendThatDoesNotAnswerGetsThe504PageAfterTheReadTimeout() throws Exception {
        int port = startGateway("slow.test", silentBackend());
        long started = System.nanoTime();
        String answer = get(port, "slow.test");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(answer.startsWith("HTTP/1.1 504"), answer);
        assertTrue(answer.contains("The application did not answer in time"), answer);
        assertTrue(answer.contains("did not answer within 1500 ms"), answer);
        assertTrue(millis >= READ.toMillis() - 100 && millis < READ.toMillis() + 3_000,
                "answered after " + millis + " ms, read timeout " + READ.toMillis() + " ms");
    }

    /**
     * A backend that answers only once {@code held} requests are with it at the same time (or after 10 s): the
     * gateway must hand that many concurrent requests of one I/O thread to it at once, not queue some of them for a
     * pooled connection (which also bounds their wait by the connect timeout: a queued one would get the 502 page).
     */
    @Test
    void oneIoThreadHandsManyConcurrentRequestsToTheBackendAtOnce() throws Exception {
        int held = 48;
        CountDownLatch allThere = new CountDownLatch(held);
        URI backend = backend(200, accepted -> {
            Thread answer = new Thread(() -> answerWhenAllAreThere(accepted, allThere));
            answer.setDaemon(true);
            answer.start();
        });
        int port = startGateway("busy.test", backend, Duration.ofSeconds(20));
        ExecutorService clients = Executors.newFixedThreadPool(held);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < held; i++) {
                answers.add(clients.submit(() -> get(port, "busy.test")));
            }
            for (Future<String> answer : answers) {
                String text = answer.get(30, TimeUnit.SECONDS);
                assertTrue(text.startsWith("HTTP/1.1 200"), text);
            }
        } finally {
            clients.shutdownNow();
        }
        assertTrue(allThere.getCount() == 0, (held - allThere.getCount()) + " of " + held
                + " requests reached the backend at the same time");
    }

    private static void answerWhenAllAreThere(Socket socket, CountDownLatch allThere) {
        try {
            InputStream in = socket.getInputStream();
            int matched = 0;
            while (matched < 4) { // the end of the request's header: CR LF CR LF
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            allThere.countDown();
            allThere.await(10, TimeUnit.SECONDS);
            socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | InterruptedException e) {
            // the test is over
        }
    }

    @Test
    void aBackendThatCannotBeConnectedGetsThe502PageAfterTheConnectTimeout() throws Exception {
        // Linux drops new connections (SYN) once a listener's accept queue (backlog + 1) is full: connect hangs.
        ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        opened.add(full);
        for (int i = 0; i < 2; i++) {
            Socket filler = new Socket();
            filler.connect(full.getLocalSocketAddress(), 1_000);
            opened.add(filler);
        }
        int port = startGateway("unreachable.test", URI.create("http://127.0.0.1:" + full.getLocalPort()));
        long started = System.nanoTime();
        String answer = get(port, "unreachable.test");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(answer.startsWith("HTTP/1.1 502"), answer);
        assertTrue(answer.contains("The application cannot be reached"), answer);
        // ProxyHandler tries twice (one retry), each attempt bounded by the connect timeout
        assertTrue(millis >= CONNECT.toMillis() - 100 && millis < 3 * CONNECT.toMillis() + 2_000,
                "answered after " + millis + " ms, connect timeout " + CONNECT.toMillis() + " ms");
    }
}
