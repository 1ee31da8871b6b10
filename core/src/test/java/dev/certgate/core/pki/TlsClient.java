package dev.certgate.core.pki;

import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Certificates as other TLS software sees them, with nothing but the JDK: a JSSE client that trusts only one root,
 * checks the server's host name or IP address as HTTPS does (RFC 2818 / 6125: a wildcard covers one label) and
 * checks the server certificate's key usage for TLS, handshaking in memory with a JSSE server that serves the chain
 * and key; before it, the JDK's PKIX validation of the chain at a given instant (JSSE itself judges at the clock's
 * time, and takes a trusted self-signed leaf without looking at its dates). These tests once ran
 * {@code openssl verify -x509_strict -purpose sslserver -attime ... -verify_hostname/-verify_ip} for the same checks.
 */
final class TlsClient {

    private TlsClient() {
    }

    /**
     * The reason a JSSE HTTPS client trusting only {@code trusted} refuses the server, or empty when it connects.
     *
     * @param chain the server's chain, leaf first, with its key
     * @param host  the host name or IP address the client connects to (and checks the certificate against)
     * @param at    the instant validity is judged at (by PKIX; the handshake judges at the clock's time too, so the
     *              chain must also be valid now: certificates issued by the tests a few days before now are)
     */
    static Optional<String> refusal(List<X509Certificate> chain, PrivateKey key, X509Certificate trusted, String host,
                                    Instant at) throws Exception {
        // JSSE takes a trusted leaf (a self-signed certificate) as it is, without a look at its dates: PKIX first
        List<X509Certificate> path = chain.size() > 1 && chain.get(chain.size() - 1).equals(trusted)
                ? chain.subList(0, chain.size() - 1) : chain;
        try {
            validate(path, trusted, at);
        } catch (CertPathValidatorException e) {
            return Optional.of(e.getMessage());
        }
        KeyStore serverStore = KeyStore.getInstance("PKCS12");
        serverStore.load(null, null);
        serverStore.setKeyEntry("server", key, new char[0], chain.toArray(new Certificate[0]));
        KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
        keys.init(serverStore, new char[0]);
        SSLContext server = SSLContext.getInstance("TLSv1.3");
        server.init(keys.getKeyManagers(), null, null);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", trusted);
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(trust, new X509CertSelector());
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(new CertPathTrustManagerParameters(parameters));
        SSLContext client = SSLContext.getInstance("TLSv1.3");
        client.init(null, trustManagers.getTrustManagers(), null);

        SSLEngine serverEngine = server.createSSLEngine();
        serverEngine.setUseClientMode(false);
        SSLEngine clientEngine = client.createSSLEngine(host, 443);
        clientEngine.setUseClientMode(true);
        SSLParameters https = clientEngine.getSSLParameters();
        https.setEndpointIdentificationAlgorithm("HTTPS");
        clientEngine.setSSLParameters(https);
        try {
            handshake(clientEngine, serverEngine);
            return Optional.empty();
        } catch (SSLException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return Optional.of(root.getMessage() == null ? root.toString() : root.getMessage());
        }
    }

    /** As {@link #refusal}, for a server the client must accept; the refusal is the assertion's message. */
    static void assertAccepted(List<X509Certificate> chain, PrivateKey key, X509Certificate trusted, String host,
                               Instant at) throws Exception {
        Optional<String> refused = refusal(chain, key, trusted, host, at);
        if (refused.isPresent()) {
            throw new AssertionError("a JSSE client connecting to " + host + " refused the certificate: "
                    + refused.get());
        }
    }

    /**
     * The JDK's PKIX validation of {@code chain} (leaf first, the root left out or not) against {@code root} at
     * {@code at}, without revocation.
     *
     * @throws java.security.cert.CertPathValidatorException when the chain does not validate
     */
    static void validate(List<X509Certificate> chain, X509Certificate root, Instant at) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(chain), parameters);
    }

    /** Whether {@code key} signs what {@code certificate}'s public key verifies: the pair belongs together. */
    static boolean signsFor(PrivateKey key, X509Certificate certificate) throws Exception {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        byte[] data = "certgate".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(data);
        return verifier.verify(signature);
    }

    private static void handshake(SSLEngine client, SSLEngine server) throws Exception {
        int size = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        int app = Math.max(client.getSession().getApplicationBufferSize(),
                server.getSession().getApplicationBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(size);
        ByteBuffer toClient = ByteBuffer.allocate(size);
        ByteBuffer clientIn = ByteBuffer.allocate(app);
        ByteBuffer serverIn = ByteBuffer.allocate(app);
        ByteBuffer empty = ByteBuffer.allocate(0);
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 100; round++) {
            if (done(client) && done(server)) {
                return;
            }
            step(client, empty, toServer, toClient, clientIn);
            step(server, empty, toClient, toServer, serverIn);
        }
        throw new AssertionError("the in-memory handshake did not finish");
    }

    /** One step of an engine: runs its tasks, writes what it has to send, reads what it was sent. */
    private static void step(SSLEngine engine, ByteBuffer empty, ByteBuffer out, ByteBuffer in, ByteBuffer app)
            throws SSLException {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
        SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
        if (status == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            engine.wrap(empty, out);
        } else if (status == SSLEngineResult.HandshakeStatus.NEED_UNWRAP
                || status == SSLEngineResult.HandshakeStatus.NEED_UNWRAP_AGAIN) {
            in.flip();
            engine.unwrap(in, app);
            in.compact();
        }
    }

    private static boolean done(SSLEngine engine) {
        SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
        return status == SSLEngineResult.HandshakeStatus.FINISHED
                || status == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
    }
}
