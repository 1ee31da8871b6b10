package dev.certgate.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.cert.X509Certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Certificates imported through the API are served by the gateway, each for its own name, at once and without a
 * restart; checked with the JDK's TLS client and with openssl s_client.
 */
class SniHandshakeIT {

    @TempDir
    Path dir;

    @Test
    void eachNameGetsItsOwnCertificateWithoutRestart() throws Exception {
        Openssl.Pair a = Openssl.selfSigned(dir, "a.test", "ec");
        Openssl.Pair b = Openssl.selfSigned(dir, "b.test", "rsa");

        // Nothing serves a.test yet: the handshake is refused.
        TlsProbe.assertRefused("a.test");

        CertgateApi.Answer importedA = CertgateApi.importPem(a.certificatePem(), a.keyPem());
        assertEquals(201, importedA.status(), importedA.body().toString());
        assertEquals("a.test", importedA.body().get("commonName").asText());

        // a.test is served at once; b.test is still unknown.
        assertEquals(TlsProbe.sha256(TlsProbe.read(a.certificate())), TlsProbe.sha256(TlsProbe.leafFor("a.test")));
        TlsProbe.assertRefused("b.test");

        CertgateApi.Answer importedB = CertgateApi.importPem(b.certificatePem(), b.keyPem());
        assertEquals(201, importedB.status(), importedB.body().toString());

        X509Certificate servedA = TlsProbe.leafFor("a.test");
        X509Certificate servedB = TlsProbe.leafFor("B.TEST"); // host names are case-insensitive
        assertEquals(TlsProbe.sha256(TlsProbe.read(a.certificate())), TlsProbe.sha256(servedA));
        assertEquals(TlsProbe.sha256(TlsProbe.read(b.certificate())), TlsProbe.sha256(servedB));
        assertEquals("EC", servedA.getPublicKey().getAlgorithm());
        assertEquals("RSA", servedB.getPublicKey().getAlgorithm());

        // A name nobody imported still gets no certificate.
        TlsProbe.assertRefused("c.test");

        // The gateway answers over the connection it terminated: no application has b.test yet.
        String answer = TlsProbe.get("b.test");
        assertTrue(answer.startsWith("HTTP/1.1 404") && answer.contains("certgate has no application for b.test"),
                answer);
    }

    @Test
    void opensslClientSeesTheCertificateForItsServerName() throws Exception {
        Openssl.Pair pair = Openssl.selfSigned(dir, "openssl-client.test", "ec");
        assertEquals(201, CertgateApi.importPem(pair.certificatePem(), pair.keyPem()).status());

        String out = Openssl.run(dir, "openssl", "s_client", "-connect", "127.0.0.1:" + ItSettings.GATEWAY_PORT,
                "-servername", "openssl-client.test", "-brief", "-verify_quiet");
        assertTrue(out.contains("CN = openssl-client.test") || out.contains("CN=openssl-client.test"), out);
        assertTrue(out.contains("TLSv1.3"), out);
    }
}
