package dev.certgate.core.pki;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static dev.certgate.core.pki.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PemImportTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @ParameterizedTest
    @CsvSource({
            "rsa.crt.pem, rsa.key.pem, rsa.example.test, RSA",
            "rsa.crt.pem, rsa-pkcs1.key.pem, rsa.example.test, RSA",
            "ec.crt.pem, ec.key.pem, ec.example.test, EC",
            "ec.crt.pem, ec-sec1.key.pem, ec.example.test, EC",
            "ec384.crt.pem, ec384-params.key.pem, ec384.example.test, EC",
            "ed25519.crt.pem, ed25519.key.pem, ed.example.test, Ed25519"
    })
    void acceptsAMatchingPair(String certificate, String key, String commonName, String algorithm) throws Exception {
        ImportedCertificate imported = PemImport.parse(text(certificate), text(key), NOW);
        assertEquals(commonName, imported.leaf().commonName());
        assertEquals(algorithm, imported.leaf().keyAlgorithm());
        assertEquals(1, imported.chain().size());
    }

    @Test
    void refusesAKeyOfAnotherCertificate() {
        UnmatchedKeyException e = assertThrows(UnmatchedKeyException.class,
                () -> PemImport.parse(text("ec.crt.pem"), text("wildcard.key.pem"), NOW));
        assertEquals("ec.example.test", e.commonName()); // the user's message: ejb's CoreFailuresTest
    }

    @Test
    void refusesAKeyOfAnotherType() {
        assertThrows(UnmatchedKeyException.class, () -> PemImport.parse(text("rsa.crt.pem"), text("ec.key.pem"), NOW));
        assertThrows(UnmatchedKeyException.class,
                () -> PemImport.parse(text("ec384.crt.pem"), text("ec.key.pem"), NOW));
    }

    @Test
    void refusesAnExpiredCertificateWithItsDate() {
        ExpiredLeafException e = assertThrows(ExpiredLeafException.class,
                () -> PemImport.parse(text("expired.crt.pem"), text("expired.key.pem"), NOW));
        assertEquals("expired.example.test", e.commonName()); // the user's message: ejb's CoreFailuresTest
        assertEquals(Instant.parse("2021-01-01T00:00:00Z"), e.notAfter());
    }

    @Test
    void keepsTheChainAndPutsTheLeafFirst() throws Exception {
        ImportedCertificate inOrder = PemImport.parse(text("chain.pem"), text("leaf.key.pem"), NOW);
        ImportedCertificate reversed = PemImport.parse(text("chain-reversed.pem"), text("leaf.key.pem"), NOW);
        assertEquals("leaf.example.test", inOrder.leaf().commonName());
        assertEquals(inOrder.chain(), reversed.chain());
        assertEquals(List.of("leaf.example.test", "certgate test CA"), inOrder.chain().stream()
                .map(c -> LeafCertificate.of(c).commonName()).toList());
        assertEquals(text("chain.pem").replace("\r", ""), inOrder.chainPem());
    }
}
