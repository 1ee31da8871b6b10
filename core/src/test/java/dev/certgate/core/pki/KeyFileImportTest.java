package dev.certgate.core.pki;

import dev.certgate.core.BadInputException;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static dev.certgate.core.pki.Fixtures.bytes;
import static dev.certgate.core.pki.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uploaded key files: PEM text, or DER in each structure openssl writes (PKCS#8, encrypted PKCS#8, PKCS#1, SEC1). */
class KeyFileImportTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final char[] SECRET = "secret".toCharArray();

    /** The DER inside a one-block PEM fixture. */
    private static byte[] der(String pemFixture) {
        String body = text(pemFixture).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    /** PKCS#1 for RSA; SEC1 with its curve for EC, as {@code openssl pkey -traditional -outform DER} writes. */
    private static byte[] traditional(byte[] pkcs8) throws Exception {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
        if (!info.getPrivateKeyAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return info.parsePrivateKey().toASN1Primitive().getEncoded();
        }
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        return new ECPrivateKey(256, inner.getKey(), new DERBitString(inner.getPublicKey().getBytes()),
                info.getPrivateKeyAlgorithm().getParameters()).getEncoded();
    }

    private static void assertImported(String type, ImportedCertificate imported) throws Exception {
        assertEquals(type + ".formats.example.test", imported.leaf().commonName());
        assertTrue(Keys.matches(imported.key(), imported.leaf().certificate().getPublicKey()));
    }

    @ParameterizedTest
    @CsvSource({"rsa2048", "ec256"})
    void derKeysOfEachStructure(String type) throws Exception {
        byte[] certificate = bytes("formats/" + type + ".crt.der");
        byte[] pkcs8 = der("formats/" + type + ".key.pem");
        byte[] traditional = traditional(pkcs8);
        byte[] encrypted = der("formats/" + type + "-pkcs8-encrypted.key.pem");

        assertImported(type, CertificateImport.fromFiles(certificate, pkcs8, null, NOW));
        assertImported(type, CertificateImport.fromFiles(certificate, traditional, null, NOW));
        assertImported(type, CertificateImport.fromFiles(certificate, encrypted, SECRET, NOW));
        assertImported(type, CertificateImport.fromFiles(certificate,
                text("formats/" + type + ".key.pem").getBytes(StandardCharsets.US_ASCII), null, NOW));
    }

    @Test
    void aKeyFileThatIsNoKeyIsRefusedForTheKeyField() {
        BadInputException e = assertThrows(BadInputException.class, () -> CertificateImport.fromFiles(
                bytes("formats/ec256.crt.der"), "not a key".getBytes(StandardCharsets.US_ASCII), null, NOW));
        assertEquals(Pem.PRIVATE_KEY, e.field());
        assertEquals("The private key file is not a key in a format certgate reads. Upload the key as PEM (.key, "
                + ".pem) or DER (PKCS#8, PKCS#1 or SEC1).", e.getMessage());
        BadInputException empty = assertThrows(BadInputException.class, () -> CertificateImport.fromFiles(
                bytes("formats/ec256.crt.der"), new byte[0], null, NOW));
        assertEquals(Pem.PRIVATE_KEY, empty.field());
    }
}
