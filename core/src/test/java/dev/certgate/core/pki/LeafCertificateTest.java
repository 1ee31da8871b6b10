package dev.certgate.core.pki;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.certgate.core.pki.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LeafCertificateTest {

    private static LeafCertificate leaf(String file) throws Exception {
        return LeafCertificate.of(Pem.readCertificates(text(file)).get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ec", "ed25519", "leaf"})
    void fingerprintIsWhatOpensslSays(String name) throws Exception {
        assertEquals(text(name + ".sha256.txt").strip(), leaf(name + ".crt.pem").fingerprintSha256());
    }

    @Test
    void namesComeFromTheSubjectAlternativeNames() throws Exception {
        LeafCertificate rsa = leaf("rsa.crt.pem");
        assertEquals("rsa.example.test", rsa.commonName());
        assertEquals(List.of("rsa.example.test", "www.rsa.example.test"), rsa.hostNames());
        assertEquals(List.of("*.apps.example.test", "apps.example.test"), leaf("wildcard.crt.pem").hostNames());
    }

    @Test
    void withoutSanTheCommonNameIsTheHostName() throws Exception {
        LeafCertificate old = leaf("nosan.crt.pem");
        assertEquals("NoSan.Example.Test", old.commonName());
        assertEquals(List.of("nosan.example.test"), old.hostNames());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa.crt.pem", "wildcard.crt.pem", "nosan.crt.pem", "ec.crt.pem", "ed25519.crt.pem"})
    void hostNamesOfACertificateAreTheLeafsHostNames(String name) throws Exception {
        LeafCertificate leaf = leaf(name);
        assertEquals(leaf.hostNames(), LeafCertificate.hostNamesOf(leaf.certificate()));
    }

    @Test
    void issuerAndValidity() throws Exception {
        LeafCertificate signed = leaf("leaf.crt.pem");
        assertEquals("CN=certgate test CA", signed.issuer());
        assertEquals(true, signed.notAfter().isAfter(signed.notBefore()));
        assertEquals(signed.certificate().getSerialNumber().toString(16), signed.serialNumberHex());
    }
}
