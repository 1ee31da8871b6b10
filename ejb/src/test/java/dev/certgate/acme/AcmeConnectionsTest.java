package dev.certgate.acme;

import dev.certgate.core.pki.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AcmeConnectionsTest {

    @TempDir
    Path dir;

    @Test
    void presetsNameTheLetsEncryptDirectories() {
        assertEquals("https://acme-v02.api.letsencrypt.org/directory", AcmeConnections.resolvePreset("letsencrypt"));
        assertEquals("https://acme-staging-v02.api.letsencrypt.org/directory",
                AcmeConnections.resolvePreset(" LetsEncrypt-Staging "));
        assertEquals("https://ca.example/dir", AcmeConnections.resolvePreset("https://ca.example/dir"));
    }

    @Test
    void aTrustFileAddsItsCertificatesForThisSessionOnly() throws Exception {
        Path pem = dir.resolve("ca.pem");
        Files.write(pem, Fixtures.bytes("ca.crt.pem")); // the core's fixture (its test jar)
        javax.net.ssl.SSLContext before = javax.net.ssl.SSLContext.getDefault();
        assertNotNull(AcmeConnections.sslContext(Optional.of(pem)));
        assertEquals(before, javax.net.ssl.SSLContext.getDefault(), "the JVM's default context is untouched");
    }

    @Test
    void aTrustFileWithoutCertificatesIsRefused() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        assertThrows(CertificateException.class, () -> AcmeConnections.sslContext(Optional.of(empty)));
    }
}
