package dev.certgate.gateway;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import org.xnio.Options;
import org.xnio.Sequence;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The gateway's own Undertow server (separate from WildFly's web listeners): TLS 1.2 and 1.3 only, the certificate
 * chosen per handshake by {@link SniKeyManager}. For now it answers every request with a short text naming the
 * host; proxying to backends comes with Application Management.
 */
final class GatewayListener {

    private final Undertow undertow;

    private GatewayListener(Undertow undertow) {
        this.undertow = undertow;
    }

    /** Starts listening; the caller stops it with {@link #stop()}. */
    static GatewayListener start(GatewaySettings settings, SniKeyManager keyManager) throws GeneralSecurityException {
        Objects.requireNonNull(settings, "settings");
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(new KeyManager[]{keyManager}, null, new SecureRandom());
        Undertow undertow = Undertow.builder()
                .setIoThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
                .setWorkerThreads(16)
                .setSocketOption(Options.SSL_ENABLED_PROTOCOLS, Sequence.of("TLSv1.3", "TLSv1.2"))
                .addHttpsListener(settings.httpsPort(), settings.bindAddress(), tls)
                .setHandler(new Hello())
                .build();
        undertow.start();
        return new GatewayListener(undertow);
    }

    void stop() {
        undertow.stop();
    }

    /** The placeholder answer until the reverse proxy exists. */
    private static final class Hello implements HttpHandler {
        @Override
        public void handleRequest(HttpServerExchange exchange) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=UTF-8");
            exchange.getResponseSender().send("certgate gateway: TLS terminated for " + exchange.getHostName() + "\n");
        }
    }
}
