package dev.certgate.gateway;

import dev.certgate.core.pki.TlsAlpnCertificate;
import dev.certgate.core.sni.ServedCertificate;
import dev.certgate.core.sni.SniFixtures;
import dev.certgate.core.sni.SniSnapshot;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ACME TLS-ALPN-01 validation handshakes against the gateway's real Undertow listener on loopback, with a real
 * client (JSSE): the validation certificate for a name with a pending challenge, nothing for a name without, and
 * ordinary handshakes unchanged beside them. {@link AcmeTlsAlpnOpensslIT} does the same with {@code openssl s_client}.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TlsEngine.class)
class AcmeTlsAlpnTest {

    /** The engine of this round (the listener, static, is started for it before the round). */
    @Parameter
    TlsEngine engine;

    private static final String KEY_AUTHORIZATION = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA.thumbprint-of-account";
    static final Map<String, String> PENDING = Map.of("ec.example.test", KEY_AUTHORIZATION,
            "pending.example.test", KEY_AUTHORIZATION);

    private static GatewayListener listener;
    private static int httpsPort;
    private static ServedCertificate application;

    /** Each test runs on each TLS engine: the validation engine is JSSE's on both, chosen before either reads. */
    @BeforeParameterizedClassInvocation
    static void start(TlsEngine engine) throws Exception {
        application = SniFixtures.served("ec");
        listener = startGateway(application, engine);
        httpsPort = listener.httpsAddress().getPort();
    }

    /**
     * The gateway's listener on free loopback ports, serving {@code application} and answering "hello", with a
     * pending TLS-ALPN-01 challenge for the names of {@link #PENDING}.
     */
    static GatewayListener startGateway(ServedCertificate application) throws Exception {
        return startGateway(application, TlsEngine.JSSE);
    }

    /** As {@link #startGateway(ServedCertificate)} on {@code engine}. */
    static GatewayListener startGateway(ServedCertificate application, TlsEngine engine) throws Exception {
        TestGateway.requireEngine(engine);
        SniSnapshot snapshot = SniSnapshot.of(List.of(application));
        HttpHandler hello = exchange -> {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
            exchange.getResponseSender().send("hello");
        };
        return TestGateway.onFreePorts((https, http) -> GatewayListener.start(new GatewaySettings("127.0.0.1",
                https, http, java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(60))
                .withTlsEngine(engine), () -> snapshot,
                name -> Optional.ofNullable(PENDING.get(name)), hello));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (listener != null) {
            listener.stop();
            listener = null;
        }
    }

    @Test
    void validationHandshakeGetsTheChallengeCertificate() throws Exception {
        try (SSLSocket socket = connect("ec.example.test", "acme-tls/1")) {
            socket.startHandshake();
            assertEquals("acme-tls/1", socket.getApplicationProtocol());
            X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertEquals(List.of(List.of(2, "ec.example.test")), served.getSubjectAlternativeNames().stream()
                    .map(List::copyOf).toList());
            assertTrue(served.getCriticalExtensionOIDs().contains(TlsAlpnCertificate.ACME_IDENTIFIER.getId()));
            byte[] extension = ASN1OctetString.getInstance(
                    served.getExtensionValue(TlsAlpnCertificate.ACME_IDENTIFIER.getId())).getOctets();
            assertArrayEquals(TlsAlpnCertificate.sha256(KEY_AUTHORIZATION),
                    ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(extension)).getOctets());
            assertEquals("RSA", served.getPublicKey().getAlgorithm());
        }
    }

    @Test
    void validationForANameWithoutChallengeFails() {
        // JSSE finds no certificate and fails the handshake; the alert may be cut short by the close (a reset).
        assertThrows(IOException.class, () -> {
            try (SSLSocket socket = connect("nothing.example.test", "acme-tls/1")) {
                socket.startHandshake();
            }
        });
    }

    @Test
    void ordinaryClientsStillGetTheApplicationCertificateAndHttp() throws Exception {
        for (String[] protocols : List.of(new String[]{"h2", "http/1.1"}, new String[]{"http/1.1"}, new String[0])) {
            try (SSLSocket socket = connect("ec.example.test", protocols)) {
                socket.startHandshake();
                assertEquals(application.chain().get(0), socket.getSession().getPeerCertificates()[0],
                        "a pending challenge does not change what browsers see");
                if (protocols.length == 2) {
                    assertEquals("h2", socket.getApplicationProtocol());
                    continue;
                }
                OutputStream out = socket.getOutputStream();
                out.write("GET / HTTP/1.1\r\nHost: ec.example.test\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(response.startsWith("HTTP/1.1 200") && response.endsWith("hello"), response);
            }
        }
    }

    @Test
    void offeringAcmeBesideOtherProtocolsIsNotAValidation() throws Exception {
        try (SSLSocket socket = connect("ec.example.test", "acme-tls/1", "http/1.1")) {
            socket.startHandshake();
            assertEquals(application.chain().get(0), socket.getSession().getPeerCertificates()[0]);
            assertEquals("http/1.1", socket.getApplicationProtocol());
        }
    }

    private static SSLSocket connect(String serverName, String... protocols) throws Exception {
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, new TrustManager[]{new TrustEverything()}, null);
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                httpsPort);
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(serverName)));
        parameters.setApplicationProtocols(protocols);
        socket.setSSLParameters(parameters);
        return socket;
    }

    /** The validation certificate is self-signed by design: the client checks its contents, not its issuer. */
    private static final class TrustEverything implements X509TrustManager {
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
