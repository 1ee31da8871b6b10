package dev.certgate.gateway;

import dev.certgate.core.sni.ServedCertificate;
import dev.certgate.core.sni.SniFixtures;
import dev.certgate.core.sni.SniSnapshot;
import dev.certgate.metrics.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's TLS policy through its real listener, on each {@link TlsEngine}: the certificate chosen by SNI (exact,
 * wildcard, default, else {@code unrecognized_name}), EC and RSA certificates over TLS 1.3 and 1.2, ALPN, TLS 1.2
 * session resumption, a replaced snapshot served on the next handshake, and the protocols and suites enabled.
 */
@ParameterizedClass
@EnumSource(TlsEngine.class)
class GatewayTlsEnginesTest {

    @Parameter
    TlsEngine engine;

    private static ServedCertificate ec;
    private static ServedCertificate rsa;
    private static ServedCertificate wildcard;

    private final AtomicReference<SniSnapshot> snapshot = new AtomicReference<>(SniSnapshot.empty());
    private final List<Metrics.SniOutcome> outcomes = new CopyOnWriteArrayList<>();
    private TestGateway gateway;

    @BeforeAll
    static void certificates() throws Exception {
        ec = SniFixtures.served("ec");
        rsa = SniFixtures.served("rsa");
        wildcard = SniFixtures.served("wildcard");
    }

    private void start(SniSnapshot served) throws Exception {
        snapshot.set(served);
        gateway = TestGateway.start(engine, snapshot::get, GatewayLimits.defaults(), TestGateway.HELLO,
                new HandshakeCounts(outcomes::add, () -> { }));
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** What a client saw of one handshake. */
    private record Seen(Certificate certificate, String protocol, String applicationProtocol, byte[] sessionId) {
    }

    private static SSLContext trustingClient() throws GeneralSecurityException {
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, new TrustManager[]{new TestGateway.TrustEverything()}, null);
        return client;
    }

    /** One handshake from {@code client}; SNI {@code serverName} unless null; {@code protocol} null: 1.3 and 1.2. */
    private Seen handshake(SSLContext client, String serverName, String protocol, String[] suites,
                           String... applicationProtocols) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(TestGateway.LOOPBACK, gateway.httpsPort), 5_000);
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(plain,
                serverName == null ? "127.0.0.1" : serverName, gateway.httpsPort, true)) {
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
            if (protocol != null) {
                parameters.setProtocols(new String[]{protocol});
            }
            if (suites != null) {
                parameters.setCipherSuites(suites);
            }
            parameters.setApplicationProtocols(applicationProtocols);
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            SSLSession session = socket.getSession();
            return new Seen(session.getPeerCertificates()[0], session.getProtocol(), socket.getApplicationProtocol(),
                    session.getId());
        }
    }

    private Seen handshake(String serverName, String protocol) throws Exception {
        return handshake(trustingClient(), serverName, protocol, null, "http/1.1");
    }

    @Test
    void eachNameGetsItsCertificateExactThenWildcardOverTls13And12() throws Exception {
        start(SniSnapshot.of(List.of(ec, rsa, wildcard)));
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            Seen seen = handshake("ec.example.test", protocol);
            assertEquals(ec.chain().get(0), seen.certificate(), protocol);
            assertEquals(protocol, seen.protocol());
            assertEquals(rsa.chain().get(0), handshake("www.rsa.example.test", protocol).certificate(), protocol);
            assertEquals(wildcard.chain().get(0), handshake("shop.apps.example.test", protocol).certificate(),
                    protocol);
        }
        assertTrue(outcomes.contains(Metrics.SniOutcome.EXACT), outcomes.toString());
        assertTrue(outcomes.contains(Metrics.SniOutcome.WILDCARD), outcomes.toString());
    }

    /**
     * A name no certificate covers, when there is no default, is refused with {@code unrecognized_name} (RFC 6066) on
     * both engines: on BoringSSL by handing the ClientHello to a JSSE engine of the same policy, as netty-tcnative's
     * SNI callback would end the handshake without an alert.
     */
    @Test
    void anUnknownNameIsRefusedWithUnrecognizedNameWhenThereIsNoDefault() throws Exception {
        start(SniSnapshot.of(List.of(ec)));
        SSLException refused = assertThrows(SSLException.class, () -> handshake("unknown.example.test", "TLSv1.3"));
        assertTrue(refused.getMessage().contains("unrecognized_name"), refused.getMessage());
        assertTrue(outcomes.contains(Metrics.SniOutcome.REFUSED), outcomes.toString());
        assertEquals(ec.chain().get(0), handshake("ec.example.test", "TLSv1.3").certificate());
    }

    @Test
    void anUnknownNameAndNoNameGetTheDefault() throws Exception {
        start(SniSnapshot.of(List.of(ec, rsa), Map.of(), "rsa"));
        assertEquals(rsa.chain().get(0), handshake("unknown.example.test", "TLSv1.3").certificate());
        assertEquals(rsa.chain().get(0), handshake(null, "TLSv1.2").certificate());
        assertEquals(ec.chain().get(0), handshake("ec.example.test", "TLSv1.2").certificate());
        assertTrue(outcomes.contains(Metrics.SniOutcome.DEFAULT), outcomes.toString());
    }

    @Test
    void aReplacedSnapshotIsServedOnTheNextHandshakeWithoutRestart() throws Exception {
        start(SniSnapshot.of(List.of(rsa)));
        assertThrows(SSLException.class, () -> handshake("ec.example.test", "TLSv1.3"));
        snapshot.set(SniSnapshot.of(List.of(rsa, ec)));
        assertEquals(ec.chain().get(0), handshake("ec.example.test", "TLSv1.3").certificate());
    }

    /**
     * A client offering TLS 1.3 and 1.2, as browsers do (Undertow offers h2 through JSSE only to a ClientHello with
     * a TLS 1.2 suite fit for HTTP/2: a TLS 1.3-only JDK client gets http/1.1 there, BoringSSL's own ALPN has no such
     * check).
     */
    @Test
    void alpnChoosesH2ThenHttp11() throws Exception {
        start(SniSnapshot.of(List.of(ec)));
        assertEquals("h2", handshake(trustingClient(), "ec.example.test", null, null, "h2", "http/1.1")
                .applicationProtocol());
        assertEquals("h2", handshake(trustingClient(), "ec.example.test", null, null, "h2")
                .applicationProtocol());
        assertEquals("http/1.1", handshake(trustingClient(), "ec.example.test", null, null, "http/1.1")
                .applicationProtocol());
        assertTrue(gateway.httpsGet(TestGateway.LOOPBACK).endsWith("hello"));
    }

    @Test
    void aTls12SessionIsResumed() throws Exception {
        start(SniSnapshot.of(List.of(ec)));
        SSLContext client = trustingClient();
        Seen first = handshake(client, "ec.example.test", "TLSv1.2", null, "http/1.1");
        Seen second = handshake(client, "ec.example.test", "TLSv1.2", null, "http/1.1");
        assertTrue(first.sessionId().length > 0);
        assertArrayEquals(first.sessionId(), second.sessionId(), "the second handshake resumed the first session");
    }

    @Test
    void onlyTls13And12WithTheForwardSecretAeadSuitesAreEnabled() throws Exception {
        SSLContext context = GatewayTls.context(() -> SniSnapshot.of(List.of(ec)), name -> Optional.empty(),
                HandshakeCounts.NONE, engineRunning(), GatewayTls.DEFAULT_GROUPS);
        SSLEngine server = context.createSSLEngine();
        server.setUseClientMode(false);
        // Netty lists SSLv2Hello, a ClientHello format, not a protocol: BoringSSL does not read SSLv2-format hellos
        assertEquals(GatewayTls.PROTOCOLS, Arrays.stream(server.getEnabledProtocols())
                .filter(p -> !"SSLv2Hello".equals(p)).toList());
        List<String> suites = Arrays.asList(server.getEnabledCipherSuites());
        assertTrue(GatewayTls.CIPHER_SUITES.containsAll(suites), suites.toString());
        assertTrue(suites.contains("TLS_AES_128_GCM_SHA256") && suites.contains(
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256") && suites.contains("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
                suites.toString());
    }

    @Test
    void aTls12ClientOfferingOnlyRsaSuitesGetsTheRsaCertificate() throws Exception {
        start(SniSnapshot.of(List.of(rsa)));
        Seen seen = handshake(trustingClient(), "rsa.example.test", "TLSv1.2",
                new String[]{"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"}, "http/1.1");
        assertEquals(rsa.chain().get(0), seen.certificate());
        assertThrows(SSLException.class, () -> handshake(trustingClient(), "rsa.example.test", "TLSv1.2",
                new String[]{"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"}, "http/1.1"));
    }

    /**
     * A name with an EC and an RSA certificate shows each client one it can verify: a TLS 1.3 client whose signature
     * algorithms are RSA-PSS only gets the RSA certificate, one with ECDSA the EC one (openssl s_client: no JDK 17
     * client can narrow its TLS 1.3 signature algorithms per connection).
     */
    @Test
    void aNameWithEcAndRsaCertificatesServesWhatTheClientCanVerify() throws Exception {
        ServedCertificate rsaForEc = new ServedCertificate("rsa-for-ec", rsa.chain(), rsa.key(),
                List.of("ec.example.test"));
        start(SniSnapshot.of(List.of(ec, rsaForEc)));
        assertTrue(peerSubject("RSA-PSS+SHA256").contains("rsa.example.test"));
        assertTrue(peerSubject("ECDSA+SHA256").contains("ec.example.test"));
        assertTrue(peerSubject("ECDSA+SHA256:RSA-PSS+SHA256").contains("ec.example.test"));
    }

    /** The subject of the certificate openssl s_client gets for ec.example.test over TLS 1.3 with {@code sigalgs}. */
    private String peerSubject(String sigalgs) throws Exception {
        Process openssl = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + gateway.httpsPort,
                "-servername", "ec.example.test", "-tls1_3", "-sigalgs", sigalgs, "-brief")
                .redirectErrorStream(true).start();
        openssl.getOutputStream().close();
        String output = new String(openssl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(openssl.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "openssl ended");
        return output.lines().filter(line -> line.startsWith("Peer certificate:")).findFirst()
                .orElseThrow(() -> new AssertionError("no certificate with " + sigalgs + ":\n" + output));
    }

    private TlsEngine engineRunning() {
        TestGateway.requireEngine(engine);
        return engine;
    }
}
