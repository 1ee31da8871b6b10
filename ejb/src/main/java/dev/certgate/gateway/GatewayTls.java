package dev.certgate.gateway;

import dev.certgate.api.HostName;
import dev.certgate.core.sni.SniSnapshot;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.TrustManager;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The gateway's TLS policy, applied to every connection: TLS 1.3 and 1.2 only, forward-secret AEAD suites only, the
 * certificate chosen by SNI, and — when no default certificate is configured — a name no certificate covers refused
 * with an {@code unrecognized_name} alert (RFC 6066) rather than served a wrong certificate. ACME TLS-ALPN-01
 * validation handshakes are answered apart (see {@link AcmeTlsAlpn}).
 */
public final class GatewayTls {

    /** The protocols offered. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** The suites offered, strongest first: TLS 1.3's, then ECDHE with AES-GCM or ChaCha20-Poly1305 for 1.2. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private GatewayTls() {
    }

    /** An SSL context whose engines follow the policy, with certificates from {@code snapshot}. */
    public static SSLContext context(Supplier<SniSnapshot> snapshot) throws GeneralSecurityException {
        return context(snapshot, null);
    }

    /**
     * As {@link #context(Supplier)}, and answering ACME TLS-ALPN-01 validations.
     *
     * @param tlsAlpnChallenges the key authorization of a name's pending TLS-ALPN-01 challenge (from memory: a miss
     *                          costs nothing); null to answer none
     */
    public static SSLContext context(Supplier<SniSnapshot> snapshot,
                                     Function<String, Optional<String>> tlsAlpnChallenges)
            throws GeneralSecurityException {
        return context(snapshot, tlsAlpnChallenges, HandshakeCounts.NONE);
    }

    /** As {@link #context(Supplier, Function)}, counting the handshakes in {@code counts}. */
    static SSLContext context(Supplier<SniSnapshot> snapshot, Function<String, Optional<String>> tlsAlpnChallenges,
                              HandshakeCounts counts) throws GeneralSecurityException {
        return context(snapshot, tlsAlpnChallenges, counts, TlsEngine.JSSE, DEFAULT_GROUPS);
    }

    /** The key exchange groups of the native engine, in order of preference: the hybrid post-quantum one first. */
    public static final List<String> DEFAULT_GROUPS = List.of(NativeTls.HYBRID_GROUP, "X25519", "P-256", "P-384");

    /**
     * As {@link #context(Supplier, Function)} on {@code engine}, counting the handshakes in {@code counts}.
     *
     * @param groups the key exchange groups offered, in order of preference; used by {@link TlsEngine#BORINGSSL}
     *               only (JSSE keeps the JDK's, which have no hybrid group before JDK 27)
     * @throws GeneralSecurityException also when {@code engine} is {@link TlsEngine#BORINGSSL} and the native
     *                                  library cannot load (the caller chooses with {@link TlsEngine#running})
     */
    static SSLContext context(Supplier<SniSnapshot> snapshot, Function<String, Optional<String>> tlsAlpnChallenges,
                              HandshakeCounts counts, TlsEngine engine, List<String> groups)
            throws GeneralSecurityException {
        SniKeyManager keys = new SniKeyManager(snapshot, counts);
        SSLContext jsse = SSLContext.getInstance("TLS");
        jsse.init(new KeyManager[]{keys}, null, new SecureRandom());
        AcmeTlsAlpn acme = tlsAlpnChallenges == null ? null : new AcmeTlsAlpn(tlsAlpnChallenges);
        Engines engines;
        if (engine == TlsEngine.BORINGSSL) {
            NativeTls.Server server;
            try {
                server = NativeTls.server(keys, groups);
            } catch (javax.net.ssl.SSLException e) {
                throw new GeneralSecurityException(e.getMessage(), e);
            }
            engines = new Engines(server::createEngine, server.sessionContext(), new JsseRefusal(jsse, snapshot,
                    counts));
        } else {
            engines = new Engines((host, port) -> host == null ? jsse.createSSLEngine()
                    : jsse.createSSLEngine(host, port), jsse.getServerSessionContext(), null);
        }
        return new PolicyContext(new Spi(jsse, engines, snapshot, acme, counts), jsse);
    }

    /**
     * Where a context's server engines come from, their session context, and who refuses unknown names with the
     * alert (null: the engines themselves).
     */
    private record Engines(java.util.function.BiFunction<String, Integer, SSLEngine> create,
                           SSLSessionContext sessions, GatewayEngine.Refusal refusal) {
    }

    /**
     * Refuses a name no certificate covers, when there is no default, on a JSSE engine of the same policy: its SNI
     * matcher sends {@code unrecognized_name} (and counts the refusal), where BoringSSL would only close.
     */
    private record JsseRefusal(SSLContext jsse, Supplier<SniSnapshot> snapshot, HandshakeCounts counts)
            implements GatewayEngine.Refusal {
        @Override
        public boolean refuses(String serverName) {
            SniSnapshot current = snapshot.get();
            return !current.hasDefault() && !current.knows(HostName.fromWire(serverName).orElse(null));
        }

        @Override
        public SSLEngine createEngine(String peerHost, int peerPort) {
            return configure(peerHost == null ? jsse.createSSLEngine() : jsse.createSSLEngine(peerHost, peerPort),
                    snapshot, counts);
        }
    }

    /** Applies the policy to one engine. */
    static SSLEngine configure(SSLEngine engine, Supplier<SniSnapshot> snapshot) {
        return configure(engine, snapshot, HandshakeCounts.NONE);
    }

    static SSLEngine configure(SSLEngine engine, Supplier<SniSnapshot> snapshot, HandshakeCounts counts) {
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(supported(PROTOCOLS, engine.getSupportedProtocols()));
        parameters.setCipherSuites(supported(CIPHER_SUITES, engine.getSupportedCipherSuites()));
        parameters.setUseCipherSuitesOrder(true);
        parameters.setSNIMatchers(List.of(new KnownNames(snapshot, counts)));
        engine.setSSLParameters(parameters);
        return engine;
    }

    private static String[] supported(List<String> wanted, String[] available) {
        List<String> there = Arrays.asList(available);
        return wanted.stream().filter(there::contains).toArray(String[]::new);
    }

    /** Accepts a requested name when a certificate covers it, or when a default certificate exists. */
    private static final class KnownNames extends SNIMatcher {
        private final Supplier<SniSnapshot> snapshot;
        private final HandshakeCounts counts;

        KnownNames(Supplier<SniSnapshot> snapshot, HandshakeCounts counts) {
            super(StandardConstants.SNI_HOST_NAME);
            this.snapshot = snapshot;
            this.counts = counts;
        }

        @Override
        public boolean matches(SNIServerName serverName) {
            SniSnapshot current = snapshot.get();
            boolean known = current.hasDefault() || (serverName instanceof SNIHostName host
                    && current.knows(HostName.fromWire(host.getAsciiName()).orElse(null)));
            if (!known) {
                counts.count(dev.certgate.metrics.Metrics.SniOutcome.REFUSED);
            }
            return known;
        }
    }

    private static final class PolicyContext extends SSLContext {
        PolicyContext(SSLContextSpi spi, SSLContext jsse) {
            super(spi, jsse.getProvider(), jsse.getProtocol());
        }
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext jsse;
        private final Engines engines;
        private final Supplier<SniSnapshot> snapshot;
        private final AcmeTlsAlpn acme;
        private final HandshakeCounts counts;

        Spi(SSLContext jsse, Engines engines, Supplier<SniSnapshot> snapshot, AcmeTlsAlpn acme,
            HandshakeCounts counts) {
            this.jsse = jsse;
            this.engines = engines;
            this.snapshot = snapshot;
            this.acme = acme;
            this.counts = counts;
        }

        private SSLEngine gatewayEngine(String host, int port) {
            return new GatewayEngine(configure(engines.create().apply(host, port), snapshot, counts), acme, counts,
                    engines.refusal());
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) {
            throw new UnsupportedOperationException("initialised by GatewayTls.context");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return jsse.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return jsse.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return gatewayEngine(null, -1);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return gatewayEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return engines.sessions();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return jsse.getClientSessionContext();
        }
    }
}
