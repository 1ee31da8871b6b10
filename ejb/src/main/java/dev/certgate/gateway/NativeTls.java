package dev.certgate.gateway;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.KeyManagerFactoryWrapper;
import io.netty.internal.tcnative.SSL;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.X509ExtendedKeyManager;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's {@linkplain TlsEngine#BORINGSSL native engine}: Netty's {@code OpenSslEngine} on BoringSSL
 * (netty-tcnative-boringssl-static), the only class of the gateway that names Netty, so that the JSSE engine never
 * loads it.
 * <p>
 * The certificate stays a per-handshake choice: BoringSSL's certificate callback asks the gateway's
 * {@link SniKeyManager} ({@code chooseEngineServerAlias} with the key types the client can take, EC before RSA as
 * the handshake offers them), which looks the name up in the snapshot (a map: O(1) in the number of names). The
 * native copy of a chosen certificate's chain and key is cached by its handshake alias (one per certificate instance,
 * so a renewed certificate is never served from an old cache entry), up to {@link #CACHED_KEY_MATERIALS}; past that
 * they are converted per handshake. ALPN (h2, then http/1.1) is BoringSSL's, configured here: Undertow's
 * {@code setSSLParameters} with application protocols is a no-op on this engine, and its ALPN listener reads only
 * {@code getApplicationProtocol()}. TLS-ALPN-01 validations are handed to a JSSE engine before BoringSSL has read a
 * byte ({@link GatewayEngine}), as with the JSSE engine.
 * <p>
 * Engines are the finalizable {@code OpenSslEngine} kind (Netty's {@link SslProvider#OPENSSL}), not the
 * reference-counted kind: XNIO does not release an engine when a connection ends abruptly, and a finalizer frees
 * what it holds then.
 */
final class NativeTls {

    /** The hybrid post-quantum group (ML-KEM-768 with X25519), named as BoringSSL names it. */
    static final String HYBRID_GROUP = "X25519MLKEM768";

    /** Distinct certificates whose native chain and key are kept for reuse across handshakes. */
    static final int CACHED_KEY_MATERIALS = 4096;

    private NativeTls() {
    }

    /** Why the native library cannot be used here; empty when it can. */
    static Optional<Throwable> unavailability() {
        try {
            if (!OpenSsl.isAvailable()) {
                return Optional.of(OpenSsl.unavailabilityCause());
            }
            if (!OpenSsl.versionString().startsWith("BoringSSL")) {
                return Optional.of(new IllegalStateException("the native TLS library is " + OpenSsl.versionString()
                        + ", not BoringSSL"));
            }
            return Optional.empty();
        } catch (LinkageError e) {
            return Optional.of(e);
        }
    }

    /** The native library's version, for the start-up log line. */
    static String version() {
        return OpenSsl.versionString();
    }

    /**
     * A server context for the gateway's policy: certificates from {@code keys}, TLS 1.3 and 1.2 with
     * {@link GatewayTls#CIPHER_SUITES}, ALPN h2 then http/1.1, key exchange groups {@code groups} in order of
     * preference.
     */
    static Server server(X509ExtendedKeyManager keys, List<String> groups) throws SSLException {
        try {
            SslContext context = SslContextBuilder
                    .forServer(new OpenSslCachingX509KeyManagerFactory(new KeyManagerFactoryWrapper(keys),
                            CACHED_KEY_MATERIALS))
                    .sslProvider(SslProvider.OPENSSL)
                    .protocols(GatewayTls.PROTOCOLS)
                    .ciphers(GatewayTls.CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                    .option(OpenSslContextOption.GROUPS, groups.toArray(String[]::new))
                    .build();
            return new Server(context);
        } catch (SSLException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SSLException("the native TLS context cannot be made: " + e.getMessage(), e);
        }
    }

    /** A native server context and what the gateway asks of it. */
    static final class Server {
        private final SslContext context;

        private Server(SslContext context) {
            this.context = context;
        }

        SSLEngine createEngine(String peerHost, int peerPort) {
            return peerHost == null ? context.newEngine(ByteBufAllocator.DEFAULT)
                    : context.newEngine(ByteBufAllocator.DEFAULT, peerHost, peerPort);
        }

        SSLSessionContext sessionContext() {
            return context.sessionContext();
        }
    }

    /**
     * The key exchange group a finished handshake used, as BoringSSL names it ({@code X25519MLKEM768},
     * {@code X25519}, {@code P-256}...); empty for an engine that is not native, or when it cannot tell.
     */
    static Optional<String> group(SSLEngine engine) {
        if (!(engine instanceof ReferenceCountedOpenSslEngine openSsl)) {
            return Optional.empty();
        }
        try {
            synchronized (openSsl) {
                long ssl = openSsl.sslPointer();
                return ssl == 0 ? Optional.empty() : Optional.ofNullable(SSL.getGroupName(ssl));
            }
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
