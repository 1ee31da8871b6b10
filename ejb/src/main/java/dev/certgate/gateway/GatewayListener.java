package dev.certgate.gateway;

import dev.certgate.core.sni.SniSnapshot;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.AlpnOpenListener;
import io.undertow.server.protocol.http.HttpOpenListener;
import io.undertow.server.protocol.http2.Http2OpenListener;
import io.undertow.server.protocol.http2.Http2UpgradeHandler;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Sequence;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioExecutor;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;
import org.xnio.ssl.SslConnection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The gateway's own Undertow server (separate from WildFly's web listeners): TLS 1.2 and 1.3 only, the certificate
 * chosen per handshake by {@link SniKeyManager} (ACME TLS-ALPN-01 validations answered apart); and plain HTTP, for
 * ACME HTTP-01 challenges and redirects. Both hand every request to the {@link GatewayHandler}.
 * <p>
 * Built from Undertow's parts rather than {@code Undertow.builder()} so that every accepted connection passes
 * through the gateway's {@link GatewayLimits} first: the connection caps ({@link ConnectionLimits}) and, on the TLS
 * port, the handshake deadline, which Undertow lacks (its ALPN listener waits for a handshake for ever). The other
 * limits are Undertow's own options: request-parse timeout (the request header deadline), no-request timeout (idle
 * keep-alive), header size, HTTP/2 streams, header list and reset counting.
 * <p>
 * Session resumption is on: JSSE (Java 13 and later) issues stateless session tickets for TLS 1.3 and, to clients
 * that send the session_ticket extension, TLS 1.2 ({@code jdk.tls.server.enableSessionTicketExtension}, default
 * true), and keeps a server-side cache of TLS 1.2 sessions for the others (session id). Both are sized and timed
 * here rather than left to JSSE's defaults (20 480 sessions, 24 hours).
 */
final class GatewayListener {

    /** TLS 1.2 sessions kept for resumption by session id (tickets need no server memory). */
    static final int SESSION_CACHE_SIZE = 20_000;

    /**
     * How long a session can be resumed, in seconds; JSSE also gives its tickets this lifetime. One hour, not a day:
     * a resumed session keeps the certificate it was made with, so after a certificate is replaced or removed, the
     * sessions made with the old one can be resumed for an hour at most (new handshakes get the new one at once).
     */
    static final int SESSION_TIMEOUT_SECONDS = 3_600;

    /** Worker threads (blocking work dispatched off the I/O threads, such as the challenge store's reads). */
    static final int WORKER_THREADS = 16;
    /** Undertow's buffer size for a JVM with 128 MB or more (16 KiB less room for protocol headers). */
    private static final int BUFFER_SIZE = 16 * 1024 - 20;

    private final XnioWorker worker;
    private final List<AcceptingChannel<? extends StreamConnection>> channels;
    private final ConnectionLimits connections;

    private final TlsEngine engine;

    private GatewayListener(XnioWorker worker, List<AcceptingChannel<? extends StreamConnection>> channels,
                            ConnectionLimits connections, TlsEngine engine) {
        this.worker = worker;
        this.channels = channels;
        this.connections = connections;
        this.engine = engine;
    }

    /**
     * The engine to run for the one asked: {@link TlsEngine#BORINGSSL} falls back to {@link TlsEngine#JSSE}, with one
     * log line that says why, when the native library cannot load on this platform.
     */
    private static TlsEngine engine(TlsEngine asked) {
        if (asked != TlsEngine.BORINGSSL) {
            dev.certgate.logging.CertgateLog.gatewayTlsEngine(asked.settingValue(), "the JDK's");
            return asked;
        }
        Optional<Throwable> unavailable = NativeTls.unavailability();
        TlsEngine running = TlsEngine.running(asked, unavailable);
        if (running == asked) {
            dev.certgate.logging.CertgateLog.gatewayTlsEngine(asked.settingValue(), NativeTls.version());
        } else {
            dev.certgate.logging.CertgateLog.gatewayTlsEngineFallback(asked.settingValue(), running.settingValue(),
                    unavailable.orElseThrow());
        }
        return running;
    }

    /** The TLS engine running (the one asked for, or JSSE when the native one could not load). */
    TlsEngine engine() {
        return engine;
    }

    /** Starts listening; the caller stops it with {@link #stop()}. */
    static GatewayListener start(GatewaySettings settings, Supplier<SniSnapshot> snapshot,
                                 Function<String, Optional<String>> tlsAlpnChallenges, HttpHandler handler)
            throws GeneralSecurityException, IOException {
        return start(settings, snapshot, tlsAlpnChallenges, handler, HandshakeCounts.NONE);
    }

    /** As {@link #start(GatewaySettings, Supplier, Function, HttpHandler)}, counting handshakes in {@code counts}. */
    static GatewayListener start(GatewaySettings settings, Supplier<SniSnapshot> snapshot,
                                 Function<String, Optional<String>> tlsAlpnChallenges, HttpHandler handler,
                                 HandshakeCounts counts) throws GeneralSecurityException, IOException {
        Objects.requireNonNull(settings, "settings");
        GatewayLimits limits = settings.limits();
        TlsEngine engine = engine(settings.tlsEngine());
        SSLContext tls = GatewayTls.context(snapshot, tlsAlpnChallenges, counts, engine, settings.tlsGroups());
        tls.getServerSessionContext().setSessionCacheSize(SESSION_CACHE_SIZE);
        tls.getServerSessionContext().setSessionTimeout(SESSION_TIMEOUT_SECONDS);

        Xnio xnio = Xnio.getInstance(io.undertow.Undertow.class.getClassLoader());
        XnioWorker worker = xnio.createWorker(OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, settings.ioThreads())
                .set(Options.WORKER_TASK_CORE_THREADS, WORKER_THREADS)
                .set(Options.WORKER_TASK_MAX_THREADS, WORKER_THREADS)
                .set(Options.TCP_NODELAY, true)
                .set(Options.CORK, true)
                .getMap());
        try {
            OptionMap socketOptions = OptionMap.builder()
                    .set(Options.WORKER_IO_THREADS, worker.getIoThreadCount())
                    .set(Options.TCP_NODELAY, true)
                    .set(Options.REUSE_ADDRESSES, true)
                    .set(Options.BALANCING_TOKENS, 1)
                    .set(Options.BALANCING_CONNECTIONS, 2)
                    .set(Options.BACKLOG, 1000)
                    .set(Options.SSL_ENABLED_PROTOCOLS, Sequence.of(GatewayTls.PROTOCOLS))
                    .set(Options.SSL_ENABLED_CIPHER_SUITES, Sequence.of(GatewayTls.CIPHER_SUITES))
                    .getMap();
            OptionMap serverOptions = serverOptions(limits);
            ByteBufferPool buffers = new DefaultByteBufferPool(true, BUFFER_SIZE, -1, 4);
            ConnectionLimits connections = new ConnectionLimits(limits.maxConnections(),
                    limits.maxConnectionsPerAddress());
            InetAddress bind = InetAddress.getByName(settings.bindAddress());

            HttpOpenListener https1 = new HttpOpenListener(buffers, serverOptions);
            https1.setRootHandler(handler);
            Http2OpenListener http2 = new Http2OpenListener(buffers, serverOptions);
            http2.setRootHandler(handler);
            AlpnOpenListener alpn = new AlpnOpenListener(buffers, serverOptions, https1);
            alpn.addProtocol(Http2OpenListener.HTTP2, http2, 10);
            UndertowXnioSsl ssl = new UndertowXnioSsl(xnio, OptionMap.create(Options.USE_DIRECT_BUFFERS, true), tls);
            @SuppressWarnings({"unchecked", "rawtypes"})
            AcceptingChannel<? extends StreamConnection> httpsServer = ssl.createSslConnectionServer(worker,
                    new InetSocketAddress(bind, settings.httpsPort()),
                    (ChannelListener) acceptor(new Admission(connections, limits.handshakeTimeout().toMillis(), alpn,
                            counts)),
                    socketOptions);

            HttpOpenListener http1 = new HttpOpenListener(buffers, serverOptions);
            http1.setRootHandler(new Http2UpgradeHandler(handler));
            AcceptingChannel<? extends StreamConnection> httpServer;
            try {
                httpServer = worker.createStreamConnectionServer(new InetSocketAddress(bind, settings.httpPort()),
                        acceptor(new Admission(connections, 0, http1)), socketOptions);
            } catch (IOException e) {
                IoUtils.safeClose(httpsServer);
                throw e;
            }
            httpsServer.resumeAccepts();
            httpServer.resumeAccepts();
            dev.certgate.logging.CertgateLog.gatewayLimits(limits.toString());
            return new GatewayListener(worker, List.of(httpsServer, httpServer), connections, engine);
        } catch (IOException | RuntimeException e) {
            worker.shutdownNow();
            throw e;
        }
    }

    /**
     * Undertow's options for both ports, from the limits. {@code HTTP2_SETTINGS_MAX_HEADER_LIST_SIZE} is deprecated in
     * Undertow 2.3.23, but its {@code Http2Channel} still reads it (the smaller of it and {@code MAX_HEADER_SIZE}
     * bounds an HTTP/2 header block): it stays the only way to give HTTP/2 its own limit.
     */
    @SuppressWarnings("deprecation")
    static OptionMap serverOptions(GatewayLimits limits) {
        return OptionMap.builder()
                .set(UndertowOptions.ENABLE_HTTP2, true)
                .set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
                .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) limits.requestHeaderTimeout().toMillis())
                .set(UndertowOptions.NO_REQUEST_TIMEOUT, (int) limits.idleTimeout().toMillis())
                .set(UndertowOptions.MAX_HEADER_SIZE, limits.maxHeaderSize())
                .set(UndertowOptions.HTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, limits.http2MaxConcurrentStreams())
                .set(UndertowOptions.HTTP2_SETTINGS_MAX_HEADER_LIST_SIZE, limits.http2MaxHeaderListSize())
                .set(UndertowOptions.MAX_RST_FRAMES_PER_WINDOW, limits.http2MaxResets())
                .set(UndertowOptions.RST_FRAMES_TIME_WINDOW, (int) limits.http2ResetWindow().toMillis())
                .getMap();
    }

    private static ChannelListener<AcceptingChannel<StreamConnection>> acceptor(Admission admission) {
        return org.xnio.ChannelListeners.openListenerAdapter(admission);
    }

    /** The port's bound address (port 0 in the settings picks a free one). */
    InetSocketAddress httpsAddress() {
        return (InetSocketAddress) channels.get(0).getLocalAddress();
    }

    InetSocketAddress httpAddress() {
        return (InetSocketAddress) channels.get(1).getLocalAddress();
    }

    /** The connection counts, for tests. */
    ConnectionLimits connections() {
        return connections;
    }

    /** Whether a worker thread runs a task within {@code timeoutMillis}. */
    boolean responsive(long timeoutMillis) {
        java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
        try {
            worker.execute(ran::countDown);
            return ran.await(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void stop() {
        channels.forEach(IoUtils::safeClose);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Every accepted connection, before Undertow sees it: refused (closed) beyond a connection cap; on the TLS port,
     * closed when its handshake is not done by the deadline.
     */
    private static final class Admission implements ChannelListener<StreamConnection> {
        private final ConnectionLimits connections;
        private final long handshakeMillis;
        private final ChannelListener<StreamConnection> next;
        private final HandshakeCounts counts;

        /** @param handshakeMillis the handshake deadline; 0 on the plain HTTP port */
        Admission(ConnectionLimits connections, long handshakeMillis, ChannelListener<StreamConnection> next) {
            this(connections, handshakeMillis, next, HandshakeCounts.NONE);
        }

        Admission(ConnectionLimits connections, long handshakeMillis, ChannelListener<StreamConnection> next,
                  HandshakeCounts counts) {
            this.connections = connections;
            this.handshakeMillis = handshakeMillis;
            this.next = next;
            this.counts = counts;
        }

        @Override
        public void handleEvent(StreamConnection connection) {
            if (!connections.admit(connection)) {
                IoUtils.safeClose(connection);
                return;
            }
            if (handshakeMillis > 0 && connection instanceof SslConnection tls) {
                XnioExecutor.Key deadline = connection.getIoThread().executeAfter(() -> {
                    if (connection.isOpen() && !handshakeDone(tls)) {
                        counts.failed();
                        IoUtils.safeClose(connection);
                    }
                }, handshakeMillis, TimeUnit.MILLISECONDS);
                // the early way out; the deadline itself checks the engine, so a missed callback closes nothing
                tls.getHandshakeSetter().set(done -> deadline.remove());
            }
            next.handleEvent(connection);
        }

        private static boolean handshakeDone(SslConnection connection) {
            SSLEngine engine = UndertowXnioSsl.getSslEngine(connection);
            return engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                    && !"SSL_NULL_WITH_NULL_NULL".equals(engine.getSession().getCipherSuite());
        }
    }
}
