package dev.certgate.core.pki;

import dev.certgate.core.BadInputException;
import dev.certgate.core.CoreException;
import dev.certgate.core.OversizedInputException;
import dev.certgate.core.WrongSecretException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.certgate.core.pki.Fixtures.bytes;
import static dev.certgate.core.pki.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One case per fault of the negative corpus in pki/bad, each with the exact message the user sees. */
class ImportFaultsTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final char[] SECRET = "secret".toCharArray();
    private static final String GOOD = "good.bad.example.test";
    private static final String ROOT = "certgate bad root CA";
    private static final String INTERMEDIATE = "certgate bad intermediate CA";

    private static String b(String name) {
        return text("bad/" + name);
    }

    private static ImportedCertificate pem(String chain, String key) throws CoreException {
        return PemImport.parse(b(chain), b(key), null, NOW);
    }

    private static List<String> names(ImportedCertificate imported) {
        return imported.chain().stream().map(c -> LeafCertificate.of(c).commonName()).toList();
    }

    interface Call {
        void run() throws CoreException;
    }

    private static <E extends CoreException> E assertRefused(Class<E> type, String message, Call call) {
        E e = assertThrows(type, call::run);
        assertEquals(message, e.getMessage());
        return e;
    }

    /**
     * For the refusals whose message the api's exception words from their data (see ejb's CoreFailuresTest, which
     * checks those messages on the same files): the type and the data.
     */
    private static <E extends CoreException> E assertRefused(Class<E> type, Call call) {
        return assertThrows(type, call::run);
    }

    private static void assertInvalid(String field, String message, Call call) {
        BadInputException e = assertRefused(BadInputException.class, message, call);
        assertEquals(field, e.field());
    }

    // --- not a recognised format, damaged, missing parts

    @Test
    void garbageAsPemText() {
        assertInvalid("certificate", "The certificate chain is not PEM text. Paste the text that begins with "
                + "-----BEGIN CERTIFICATE-----.", () -> PemImport.parse(text("bad/garbage.bin"), b("good.key.pem"),
                null, NOW));
    }

    @Test
    void garbageAsCertificateFile() {
        assertInvalid("certificate", "The certificate file is not a certificate in a format certgate reads. Upload "
                + "the certificate as DER (.der, .cer) or PEM (.pem, .crt); for a .p12 or .pfx file, use the PKCS#12 "
                + "import.", () -> CertificateImport.fromDer(bytes("bad/garbage.bin"), b("good.key.pem"), null, NOW));
    }

    @Test
    void garbageAsPkcs12() {
        assertInvalid("pkcs12", "The PKCS#12 file could not be read: it is not a PKCS#12 (.p12, .pfx) file, or it "
                + "is damaged. Export it again and upload the result.",
                () -> CertificateImport.fromPkcs12(bytes("bad/garbage.bin"), SECRET, NOW));
    }

    @Test
    void aPemFileAsPkcs12() {
        assertInvalid("pkcs12", "The PKCS#12 file could not be read: it is not a PKCS#12 (.p12, .pfx) file, or it "
                + "is damaged. Export it again and upload the result.",
                () -> CertificateImport.fromPkcs12(bytes("bad/good.crt.pem"), SECRET, NOW));
    }

    @Test
    void truncatedPem() {
        assertInvalid("certificate", "The certificate chain could not be read: its PEM block "
                + "(-----BEGIN CERTIFICATE-----, line 1) has no -----END CERTIFICATE----- line (it is cut short). "
                + "Paste the whole text, from -----BEGIN CERTIFICATE----- to its END line.",
                () -> pem("truncated.pem", "good.key.pem"));
    }

    @Test
    void noCertificate() {
        assertInvalid("certificate", "The certificate chain field holds no certificate (it holds a private key). "
                + "Paste the certificate there and the key in the private key field.",
                () -> pem("good.key.pem", "good.key.pem"));
    }

    @Test
    void noPrivateKey() {
        assertInvalid("privateKey", "The private key field holds no private key (it holds a certificate). Paste the "
                + "key that begins with -----BEGIN PRIVATE KEY-----.", () -> pem("good.crt.pem", "good.crt.pem"));
    }

    @Test
    void pkcs12WithoutKey() {
        assertInvalid("pkcs12", "The PKCS#12 file holds no private key, only certificates. Export it again with the "
                + "private key, or import the certificate and its key as PEM.",
                () -> CertificateImport.fromPkcs12(bytes("bad/no-key.p12"), SECRET, NOW));
    }

    @Test
    void pkcs12WithTwoKeys() {
        assertInvalid("pkcs12", "The PKCS#12 file holds 2 private keys (one, two). Export a file with only the key "
                + "and chain of the certificate to import.",
                () -> CertificateImport.fromPkcs12(bytes("bad/two-keys.p12"), SECRET, NOW));
    }

    @Test
    void emptyUploads() {
        assertInvalid("pkcs12", "The PKCS#12 file is empty. Upload the .p12 or .pfx file.",
                () -> CertificateImport.fromPkcs12(new byte[0], SECRET, NOW));
        assertInvalid("certificate", "The certificate file is empty. Upload the certificate file (.der, .cer, .crt "
                + "or .pem).", () -> CertificateImport.fromDer(null, b("good.key.pem"), null, NOW));
    }

    // --- passphrases and passwords

    @Test
    void wrongPassphraseOnEncryptedPkcs8() {
        WrongSecretException e = assertRefused(WrongSecretException.class, "The passphrase does not open "
                + "the private key. Enter the passphrase the key was encrypted with.",
                () -> PemImport.parse(b("good.crt.pem"), b("wrong-passphrase.key.pem"), SECRET, NOW));
        assertEquals("passphrase", e.field());
    }

    @Test
    void wrongPassphraseOnLegacyEncryptedPem() {
        WrongSecretException e = assertRefused(WrongSecretException.class, "The passphrase does not open "
                + "the private key. Enter the passphrase the key was encrypted with.",
                () -> PemImport.parse(b("good.crt.pem"), b("wrong-passphrase-legacy.key.pem"), SECRET, NOW));
        assertEquals("passphrase", e.field());
    }

    @Test
    void encryptedKeyWithoutPassphrase() {
        assertInvalid("passphrase", "The private key is encrypted. Enter its passphrase in the passphrase field.",
                () -> PemImport.parse(b("good.crt.pem"), b("wrong-passphrase-legacy.key.pem"), null, NOW));
    }

    @Test
    void wrongPkcs12Password() {
        WrongSecretException e = assertRefused(WrongSecretException.class, "The password does not open the "
                + "PKCS#12 file. Enter the password it was exported with.",
                () -> CertificateImport.fromPkcs12(bytes("bad/wrong-password.p12"), SECRET, NOW));
        assertEquals("password", e.field());
    }

    @Test
    void pkcs12WithoutPassword() {
        WrongSecretException e = assertRefused(WrongSecretException.class, "The PKCS#12 file is protected "
                + "by a password. Enter it in the password field.",
                () -> CertificateImport.fromPkcs12(bytes("bad/wrong-password.p12"), null, NOW));
        assertEquals("password", e.field());
    }

    // --- key and certificate refused

    @Test
    void mismatchedKey() {
        UnmatchedKeyException e = assertRefused(UnmatchedKeyException.class,
                () -> pem("mismatched.crt.pem", "mismatched.key.pem"));
        assertEquals("mismatched.bad.example.test", e.commonName());
    }

    @Test
    void expired() {
        ExpiredLeafException e = assertRefused(ExpiredLeafException.class,
                () -> pem("expired.crt.pem", "expired.key.pem"));
        assertEquals("expired.bad.example.test", e.commonName());
        assertEquals(Instant.parse("2021-01-01T00:00:00Z"), e.notAfter());
    }

    @Test
    void rsaUnder2048Bits() {
        WeakLeafKeyException e = assertRefused(WeakLeafKeyException.class,
                () -> pem("rsa1024.crt.pem", "rsa1024.key.pem"));
        assertEquals(WeakLeafKeyException.Reason.RSA_TOO_SMALL, e.reason());
        assertEquals("rsa1024.bad.example.test", e.commonName());
        assertEquals(1024, e.bits());
        assertEquals(2048, e.limitBits());
        assertNull(e.curve());
    }

    @Test
    void rsaOver8192Bits() {
        WeakLeafKeyException e = assertRefused(WeakLeafKeyException.class,
                () -> pem("rsa8704.crt.pem", "rsa8704.key.pem"));
        assertEquals(WeakLeafKeyException.Reason.RSA_TOO_LARGE, e.reason());
        assertEquals("rsa8704.bad.example.test", e.commonName());
        assertEquals(8704, e.bits());
        assertEquals(8192, e.limitBits());
    }

    @Test
    void ecCurveSecp256k1() {
        WeakLeafKeyException e = assertRefused(WeakLeafKeyException.class,
                () -> pem("secp256k1.crt.pem", "secp256k1.key.pem"));
        assertEquals(WeakLeafKeyException.Reason.UNSUPPORTED_CURVE, e.reason());
        assertEquals("secp256k1.bad.example.test", e.commonName());
        assertEquals(256, e.bits());
        assertEquals("secp256k1", e.curve());
    }

    @Test
    void ecCurveP192() {
        WeakLeafKeyException e = assertRefused(WeakLeafKeyException.class, () -> pem("p192.crt.pem", "p192.key.pem"));
        assertEquals(WeakLeafKeyException.Reason.UNSUPPORTED_CURVE, e.reason());
        assertEquals("p192.bad.example.test", e.commonName());
        assertEquals("P-192", e.curve());
        assertEquals(192, e.bits());
    }

    @Test
    void aKeyOfAnotherCertificateOnAnUnsupportedCurveIsAMismatch() {
        // the JDK cannot sign with these curves: the match is made by arithmetic, and must still tell keys apart
        assertEquals("secp256k1.bad.example.test", assertRefused(UnmatchedKeyException.class,
                () -> pem("secp256k1.crt.pem", "secp256k1-other.key.pem")).commonName());
        assertEquals("secp256k1.bad.example.test", assertRefused(UnmatchedKeyException.class,
                () -> pem("secp256k1.crt.pem", "p192.key.pem")).commonName());
    }

    // --- accepted with a warning

    @Test
    void swappedChainIsReordered() throws Exception {
        for (String file : List.of("swapped-chain.pem", "shuffled-chain.pem")) {
            ImportedCertificate imported = pem(file, "good.key.pem");
            assertEquals(List.of(GOOD, INTERMEDIATE, ROOT), names(imported));
            assertEquals(List.of("The chain was out of order; it has been reordered leaf first."),
                    imported.warnings());
        }
    }

    @Test
    void missingIntermediate() throws Exception {
        ImportedCertificate imported = pem("missing-intermediate.pem", "good.key.pem");
        assertEquals(List.of(GOOD), names(imported));
        assertEquals(List.of("The chain does not reach a root: the intermediate certificate of CN=certgate bad "
                + "intermediate CA is missing. Browsers may reject the certificate until you add it."),
                imported.warnings());
    }

    @Test
    void chainNotLinked() throws Exception {
        ImportedCertificate imported = pem("unlinked-chain.pem", "good.key.pem");
        assertEquals(List.of(GOOD), names(imported));
        assertEquals(List.of("The chain does not reach a root: the intermediate certificate of CN=certgate bad "
                        + "intermediate CA is missing. Browsers may reject the certificate until you add it.",
                "The certificate for certgate bad root CA does not link to the chain of good.bad.example.test; it "
                        + "has been left out."), imported.warnings());
    }

    @Test
    void unrelatedCertificateIsLeftOut() throws Exception {
        ImportedCertificate imported = pem("unrelated-chain.pem", "good.key.pem");
        assertEquals(List.of(GOOD, INTERMEDIATE, ROOT), names(imported));
        assertEquals(List.of("The certificate for stranger.bad.example.test does not link to the chain of "
                + "good.bad.example.test; it has been left out."), imported.warnings());
    }

    @Test
    void duplicatesAreDroppedSilently() throws Exception {
        ImportedCertificate imported = pem("duplicates-chain.pem", "good.key.pem");
        assertEquals(List.of(GOOD, INTERMEDIATE, ROOT), names(imported));
        assertEquals(List.of(), imported.warnings());
    }

    @Test
    void aChainEndingAtAnIntermediateIsComplete() throws Exception {
        // servers need not send the root: clients have it
        ImportedCertificate imported = PemImport.parse(b("good.crt.pem") + b("intermediate.crt.pem"),
                b("good.key.pem"), null, NOW);
        assertEquals(List.of(GOOD, INTERMEDIATE), names(imported));
        assertEquals(List.of(), imported.warnings());
    }

    @Test
    void notYetValid() throws Exception {
        ImportedCertificate imported = pem("notyet.crt.pem", "notyet.key.pem");
        assertEquals(List.of("The certificate for notyet.bad.example.test is not valid before 2099-01-01 00:00 UTC. "
                + "It can be imported now, but clients will refuse it until then."), imported.warnings());
    }

    @Test
    void sha1Signature() throws Exception {
        ImportedCertificate imported = pem("sha1-chain.pem", "sha1.key.pem");
        assertEquals(List.of("sha1.bad.example.test", ROOT), names(imported));
        assertEquals(List.of("The certificate for sha1.bad.example.test is signed with SHA-1, which browsers no "
                + "longer accept. Have it issued again with SHA-256."), imported.warnings());
    }

    // --- too large: made in memory, refused before parsing

    @Test
    void oversizedPemText() {
        String huge = b("good.crt.pem").repeat(Pem.MAX_TEXT_CHARS / 500);
        OversizedInputException e = assertRefused(OversizedInputException.class,
                () -> PemImport.parse(huge, b("good.key.pem"), null, NOW));
        assertEquals("certificate", e.field());
        assertEquals("certificate chain", e.what());
        assertEquals(262_144, e.limit());
        assertEquals(huge.length(), e.size());
        OversizedInputException key = assertRefused(OversizedInputException.class,
                () -> PemImport.parse(b("good.crt.pem"), "x".repeat(Pem.MAX_TEXT_CHARS + 1), null, NOW));
        assertEquals("privateKey", key.field());
        assertEquals("private key", key.what());
        assertEquals(Pem.MAX_TEXT_CHARS + 1, key.size());
    }

    @Test
    void oversizedUploads() {
        byte[] huge = new byte[CertificateImport.MAX_BINARY_BYTES + 1];
        OversizedInputException e = assertRefused(OversizedInputException.class,
                () -> CertificateImport.fromPkcs12(huge, SECRET, NOW));
        assertEquals("pkcs12", e.field());
        assertEquals("PKCS#12 file", e.what());
        assertEquals(1_048_576, e.limit());
        assertEquals(huge.length, e.size());
        OversizedInputException file = assertRefused(OversizedInputException.class,
                () -> CertificateImport.fromDer(huge, b("good.key.pem"), null, NOW));
        assertEquals("certificate", file.field());
        assertEquals("certificate file", file.what());
    }
}
