package dev.certgate.gateway;

import dev.certgate.core.sni.SniSnapshot;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import org.xnio.Options;
import org.xnio.Sequence;

import javax.net.ssl.SSLContext;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The gateway's own Undertow server (separate from WildFly's web listeners): TLS 1.2 and 1.3 only, the certificate
 * chosen per handshake by {@link SniKeyManager} (ACME TLS-ALPN-01 validations answered apart); and plain HTTP, for
 * ACME HTTP-01 challenges and redirects. Both hand every request to the {@link GatewayHandler}.
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

    private final Undertow undertow;

    private GatewayListener(Undertow undertow) {
        this.undertow = undertow;
    }

    /** Starts listening; the caller stops it with {@link #stop()}. */
    static GatewayListener start(GatewaySettings settings, Supplier<SniSnapshot> snapshot,
                                 Function<String, Optional<String>> tlsAlpnChallenges, HttpHandler handler)
            throws GeneralSecurityException {
        Objects.requireNonNull(settings, "settings");
        SSLContext tls = GatewayTls.context(snapshot, tlsAlpnChallenges);
        tls.getServerSessionContext().setSessionCacheSize(SESSION_CACHE_SIZE);
        tls.getServerSessionContext().setSessionTimeout(SESSION_TIMEOUT_SECONDS);
        Undertow undertow = Undertow.builder()
                .setIoThreads(settings.ioThreads())
                .setWorkerThreads(16)
                .setSocketOption(Options.SSL_ENABLED_PROTOCOLS, Sequence.of(GatewayTls.PROTOCOLS))
                .setSocketOption(Options.SSL_ENABLED_CIPHER_SUITES, Sequence.of(GatewayTls.CIPHER_SUITES))
                .setServerOption(io.undertow.UndertowOptions.ENABLE_HTTP2, true)
                .addHttpsListener(settings.httpsPort(), settings.bindAddress(), tls)
                .addHttpListener(settings.httpPort(), settings.bindAddress())
                .setHandler(handler)
                .build();
        undertow.start();
        return new GatewayListener(undertow);
    }

    void stop() {
        undertow.stop();
    }
}
