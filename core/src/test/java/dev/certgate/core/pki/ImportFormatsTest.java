package dev.certgate.core.pki;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.List;

import static dev.certgate.core.pki.Fixtures.bytes;
import static dev.certgate.core.pki.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Round trips: every import format with every key type, on the openssl-made files of pki/formats. */
class ImportFormatsTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final char[] SECRET = "secret".toCharArray();
    private static final String ROOT = "certgate formats root CA";
    private static final String INTERMEDIATE = "certgate formats intermediate CA";
    private static final String ED25519_WARNING = "The certificate for ed25519.formats.example.test has an Ed25519 "
            + "key, which browsers do not support: they cannot connect with it. Other TLS clients may; for "
            + "browsers, use an EC P-256 or RSA key.";

    private static String f(String name) {
        return "formats/" + name;
    }

    /** The leaf, its chain, a JDK key that is the openssl-made plain key, and no warning but Ed25519's. */
    private static void assertImported(String type, String algorithm, ImportedCertificate imported)
            throws Exception {
        assertEquals(type + ".formats.example.test", imported.leaf().commonName());
        assertEquals(algorithm, imported.leaf().keyAlgorithm());
        assertEquals(List.of(type + ".formats.example.test", INTERMEDIATE, ROOT),
                imported.chain().stream().map(c -> LeafCertificate.of(c).commonName()).toList());
        assertSameKey(Pem.readPrivateKey(text(f(type + ".key.pem"))), imported.key());
        assertTrue(imported.key().getClass().getName().startsWith("sun.security."),
                "a JDK key object, not " + imported.key().getClass().getName());
        assertTrue(Keys.matches(imported.key(), imported.leaf().certificate().getPublicKey()));
        assertEquals(type.equals("ed25519") ? List.of(ED25519_WARNING) : List.of(), imported.warnings());
    }

    /** The same secret: the PKCS#8 encodings of one EC key differ when one came from SEC1 (optional fields). */
    private static void assertSameKey(PrivateKey expected, PrivateKey actual) {
        if (expected instanceof ECPrivateKey ec && actual instanceof ECPrivateKey other) {
            assertEquals(ec.getS(), other.getS());
            assertEquals(ec.getParams().getCurve(), other.getParams().getCurve());
        } else {
            assertEquals(expected, actual);
        }
    }

    @ParameterizedTest
    @CsvSource({"rsa2048, RSA", "rsa8192, RSA", "ec256, EC", "ec384, EC", "ec521, EC", "ed25519, Ed25519"})
    void pemChainWithPkcs8Key(String type, String algorithm) throws Exception {
        assertImported(type, algorithm,
                PemImport.parse(text(f(type + ".chain.pem")), text(f(type + ".key.pem")), null, NOW));
    }

    @ParameterizedTest
    @CsvSource({"rsa2048, RSA", "rsa8192, RSA", "ec256, EC", "ec384, EC", "ec521, EC", "ed25519, Ed25519"})
    void pemChainWithEncryptedPkcs8Key(String type, String algorithm) throws Exception {
        assertImported(type, algorithm, PemImport.parse(text(f(type + ".chain.pem")),
                text(f(type + "-pkcs8-encrypted.key.pem")), SECRET, NOW));
    }

    @ParameterizedTest
    @CsvSource({"rsa2048, RSA", "ec256, EC"})
    void pemChainWithLegacyEncryptedKey(String type, String algorithm) throws Exception {
        String key = text(f(type + "-legacy-encrypted.key.pem"));
        assertTrue(key.contains("Proc-Type: 4,ENCRYPTED"), "the fixture is legacy encrypted PEM");
        assertImported(type, algorithm, PemImport.parse(text(f(type + ".chain.pem")), key, SECRET, NOW));
    }

    @ParameterizedTest
    @CsvSource({"rsa2048, RSA", "rsa8192, RSA", "ec256, EC", "ec384, EC", "ec521, EC", "ed25519, Ed25519"})
    void derCertificateWithItsKey(String type, String algorithm) throws Exception {
        ImportedCertificate plain = CertificateImport.fromDer(bytes(f(type + ".crt.der")),
                text(f(type + ".key.pem")), null, NOW);
        ImportedCertificate encrypted = CertificateImport.fromDer(bytes(f(type + ".crt.der")),
                text(f(type + "-pkcs8-encrypted.key.pem")), SECRET, NOW);
        for (ImportedCertificate imported : List.of(plain, encrypted)) {
            assertEquals(type + ".formats.example.test", imported.leaf().commonName());
            assertEquals(algorithm, imported.leaf().keyAlgorithm());
            assertEquals(1, imported.chain().size());
            assertSameKey(Pem.readPrivateKey(text(f(type + ".key.pem"))), imported.key());
        }
        // a lone certificate from an intermediate CA: the chain must be added
        assertEquals("The chain does not reach a root: the intermediate certificate of CN=" + INTERMEDIATE
                + " is missing. Browsers may reject the certificate until you add it.", plain.warnings().get(0));
    }

    @Test
    void aCertificateFileHoldingPemIsReadAsPem() throws Exception {
        ImportedCertificate imported = CertificateImport.fromDer(bytes(f("ec256.chain.pem")),
                text(f("ec256.key.pem")), null, NOW);
        assertImported("ec256", "EC", imported);
    }

    @ParameterizedTest
    @CsvSource({"rsa2048, RSA", "rsa8192, RSA", "ec256, EC", "ec384, EC", "ec521, EC", "ed25519, Ed25519"})
    void pkcs12OpensslDefault(String type, String algorithm) throws Exception {
        assertImported(type, algorithm, CertificateImport.fromPkcs12(bytes(f(type + ".p12")), SECRET, NOW));
    }

    @ParameterizedTest
    @CsvSource({"rsa2048, RSA", "rsa8192, RSA", "ec256, EC", "ec384, EC", "ec521, EC", "ed25519, Ed25519"})
    void pkcs12OpensslLegacy(String type, String algorithm) throws Exception {
        assertImported(type, algorithm, CertificateImport.fromPkcs12(bytes(f(type + "-legacy.p12")), SECRET, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa2048.p12", "ec256-legacy.p12", "ed25519.p12"})
    void pkcs12ThroughBouncyCastleGivesJdkObjects(String file) throws Exception {
        KeyStore store = CertificateImport.load(bytes(f(file)), SECRET, new BouncyCastleProvider());
        ImportedCertificate imported = CertificateImport.fromKeyStore(store, SECRET, NOW, false);
        String type = file.substring(0, file.indexOf(file.contains("-") ? '-' : '.'));
        assertImported(type, imported.leaf().keyAlgorithm(), imported);
        assertEquals("sun.security.x509.X509CertImpl", imported.chain().get(0).getClass().getName());
    }

    @Test
    void pkcs12MadeByKeytool() throws Exception {
        ImportedCertificate imported = CertificateImport.fromPkcs12(bytes(f("keytool-ec256.p12")), SECRET, NOW);
        assertEquals("keytool.formats.example.test", imported.leaf().commonName());
        assertEquals(List.of("keytool.formats.example.test"), imported.leaf().hostNames());
        assertEquals("EC", imported.leaf().keyAlgorithm());
        assertEquals(1, imported.chain().size());
        assertEquals(List.of(), imported.warnings());
    }

    @Test
    void theOldPemImportStillWorks() throws Exception {
        assertImported("ec384", "EC",
                PemImport.parse(text(f("ec384.chain.pem")), text(f("ec384.key.pem")), NOW));
    }
}
