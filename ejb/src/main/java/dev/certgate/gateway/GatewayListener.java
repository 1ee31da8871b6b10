package dev.certgate.gateway;

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
 * chosen per handshake by {@link SniKeyManager} (ACME TLS-ALPN-01 validations answered apart); and plain HTTP, for ACME HTTP-01 challenges and redirects. Both hand
 * every request to the {@link GatewayHandler}.
 */
final class GatewayListener {

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
        Undertow undertow = Undertow.builder()
                .setIoThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
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
