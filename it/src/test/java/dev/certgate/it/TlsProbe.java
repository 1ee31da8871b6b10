package dev.certgate.it;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/**
 * A real JDK TLS client. It accepts any certificate on purpose: the tests assert which certificate the gateway
 * chose (by fingerprint), which a trust check would not tell.
 */
final class TlsProbe {

    private TlsProbe() {
    }

    /** Handshakes with the gateway, asking for {@code serverName} by SNI, and returns the leaf it served. */
    static X509Certificate leafFor(String serverName) throws IOException, GeneralSecurityException {
        try (SSLSocket socket = connect(serverName)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /** Sends one HTTP/1.1 request over TLS with SNI and Host {@code serverName}; returns the whole answer. */
    static String get(String serverName) throws IOException, GeneralSecurityException {
        return get(serverName, serverName, "/");
    }

    /** GET {@code path} over TLS with SNI {@code serverName} and Host {@code host}; returns the whole answer. */
    static String get(String serverName, String host, String path) throws IOException, GeneralSecurityException {
        try (SSLSocket socket = connect(serverName)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** A TLS socket to the gateway, handshake done, that asked for {@code serverName}; the caller closes it. */
    static SSLSocket open(String serverName) throws IOException, GeneralSecurityException {
        SSLSocket socket = connect(serverName);
        socket.startHandshake();
        return socket;
    }

    /** A TLS socket to the gateway that will ask for {@code serverName}; the caller closes it. */
    private static SSLSocket connect(String serverName) throws IOException, GeneralSecurityException {
        SSLContext context = acceptingAnyCertificate();
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", ItSettings.GATEWAY_PORT);
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(serverName)));
        socket.setSSLParameters(parameters);
        return socket;
    }

    /**
     * Asserts the gateway refuses a handshake for {@code serverName}: it is listening (the connection opens) but
     * has no certificate to offer. JSSE reports the refusal as an SSLException or, when the server closes first,
     * as a reset connection.
     */
    static void assertRefused(String serverName) {
        try {
            X509Certificate served = leafFor(serverName);
            throw new AssertionError("the gateway served " + served.getSubjectX500Principal() + " for " + serverName);
        } catch (java.net.ConnectException e) {
            throw new AssertionError("the gateway is not listening on port " + ItSettings.GATEWAY_PORT, e);
        } catch (javax.net.ssl.SSLException | java.net.SocketException expected) {
            // refused, as it should be
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError("unexpected failure for " + serverName, e);
        }
    }

    static String sha256(X509Certificate certificate) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    static X509Certificate read(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** A fresh client context that accepts any server certificate (tests check which one, not whether it is trusted). */
    static SSLContext acceptingAnyCertificate() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{new AcceptAll()}, null);
        return context;
    }

    private static final class AcceptAll implements X509TrustManager {
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
