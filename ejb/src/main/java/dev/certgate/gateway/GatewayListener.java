package dev.certgate.gateway;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import org.xnio.Options;
import org.xnio.Sequence;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The gateway's own Undertow server (separate from WildFly's web listeners): TLS 1.2 and 1.3 only, the certificate
 * chosen per handshake by {@link SniKeyManager}; and plain HTTP, for ACME HTTP-01 challenges and redirects. Both hand
 * every request to the {@link GatewayHandler}.
 */
final class GatewayListener {

    private final Undertow undertow;

    private GatewayListener(Undertow undertow) {
        this.undertow = undertow;
    }

    /** Starts listening; the caller stops it with {@link #stop()}. */
    static GatewayListener start(GatewaySettings settings, SniKeyManager keyManager, HttpHandler handler)
            throws GeneralSecurityException {
        Objects.requireNonNull(settings, "settings");
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(new KeyManager[]{keyManager}, null, new SecureRandom());
        Undertow undertow = Undertow.builder()
                .setIoThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
                .setWorkerThreads(16)
                .setSocketOption(Options.SSL_ENABLED_PROTOCOLS, Sequence.of("TLSv1.3", "TLSv1.2"))
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
