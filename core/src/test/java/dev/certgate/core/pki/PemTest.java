package dev.certgate.core.pki;

import dev.certgate.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import static dev.certgate.core.pki.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PemTest {

    @ParameterizedTest
    @CsvSource({
            "rsa.key.pem, RSA",
            "rsa-pkcs1.key.pem, RSA",
            "ec.key.pem, EC",
            "ec-sec1.key.pem, EC",
            "ec384-params.key.pem, EC",
            "ed25519.key.pem, Ed25519"
    })
    void readsEveryUnencryptedKeyFormat(String file, String algorithm) throws Exception {
        PrivateKey key = Pem.readPrivateKey(text(file));
        assertEquals(algorithm, Keys.algorithm(key));
    }

    @Test
    void pkcs1AndPkcs8OfTheSameKeyAreEqual() throws Exception {
        assertEquals(Pem.readPrivateKey(text("rsa.key.pem")), Pem.readPrivateKey(text("rsa-pkcs1.key.pem")));
        // SEC1 and PKCS#8 encodings differ (optional public key), the secret does not
        assertEquals(((java.security.interfaces.ECPrivateKey) Pem.readPrivateKey(text("ec.key.pem"))).getS(),
                ((java.security.interfaces.ECPrivateKey) Pem.readPrivateKey(text("ec-sec1.key.pem"))).getS());
    }

    @Test
    void readsAChainInOrder() throws Exception {
        List<X509Certificate> chain = Pem.readCertificates(text("chain.pem"));
        assertEquals(2, chain.size());
        assertTrue(chain.get(0).getSubjectX500Principal().getName().contains("leaf.example.test"));
        assertTrue(chain.get(1).getSubjectX500Principal().getName().contains("certgate test CA"));
    }

    @Test
    void encodesWhatItReads() throws Exception {
        List<X509Certificate> chain = Pem.readCertificates(text("chain.pem"));
        assertEquals(chain, Pem.readCertificates(Pem.encodeCertificates(chain)));
    }

    @Test
    void readsAStoredChainAsTheStrictReaderDoes() throws Exception {
        List<X509Certificate> chain = Pem.readCertificates(text("chain.pem"));
        assertEquals(chain, Pem.readStoredCertificates(Pem.encodeCertificates(chain)));
        assertEquals(chain, Pem.readStoredCertificates(text("chain.pem")));
    }

    @Test
    void aDamagedStoredChainIsRefusedNotHalfRead() {
        assertThrows(IllegalArgumentException.class, () -> Pem.readStoredCertificates(""));
        assertThrows(IllegalArgumentException.class, () -> Pem.readStoredCertificates(
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    }

    @Test
    void pkcs8RoundTrip() throws Exception {
        PrivateKey key = Pem.readPrivateKey(text("ed25519.key.pem"));
        assertEquals(key, Pem.privateKeyFromPkcs8(key.getEncoded()));
        assertThrows(IllegalArgumentException.class, () -> Pem.privateKeyFromPkcs8(new byte[]{1, 2, 3}));
    }

    @Test
    void emptyCertificate() {
        assertMessage(() -> Pem.readCertificates("  \n"), "certificate",
                "The certificate chain is empty. Paste the PEM text that begins with -----BEGIN CERTIFICATE-----.");
        assertMessage(() -> Pem.readCertificates(null), "certificate",
                "The certificate chain is empty. Paste the PEM text that begins with -----BEGIN CERTIFICATE-----.");
    }

    @Test
    void certificateNotPem() {
        assertMessage(() -> Pem.readCertificates("MIIBkTCB+wIJAKHBfpegPjMCMA0GCSqGSIb3DQEBCwUAMBExDzANBgNV"),
                "certificate",
                "The certificate chain is not PEM text. Paste the text that begins with -----BEGIN CERTIFICATE-----.");
    }

    @Test
    void certificateCutShort() {
        String cert = text("ec.crt.pem");
        assertMessage(() -> Pem.readCertificates(cert.substring(0, cert.length() / 2)), "certificate",
                "The certificate chain could not be read: its PEM block (-----BEGIN CERTIFICATE-----, line 1) "
                        + "has no -----END CERTIFICATE----- line (it is cut short). Paste the whole text, from "
                        + "-----BEGIN CERTIFICATE----- to its END line.");
    }

    @Test
    void keyInTheCertificateField() {
        assertMessage(() -> Pem.readCertificates(text("ec.key.pem")), "certificate",
                "The certificate chain field holds no certificate (it holds a private key). Paste the certificate "
                        + "there and the key in the private key field.");
    }

    @Test
    void emptyKey() {
        assertMessage(() -> Pem.readPrivateKey(""), "privateKey",
                "The private key is empty. Paste the PEM text that begins with -----BEGIN PRIVATE KEY-----.");
    }

    @Test
    void keyNotPem() {
        assertMessage(() -> Pem.readPrivateKey("password123"), "privateKey",
                "The private key is not PEM text. Paste the text that begins with -----BEGIN PRIVATE KEY-----.");
    }

    @Test
    void certificateInTheKeyField() {
        assertMessage(() -> Pem.readPrivateKey(text("ec.crt.pem")), "privateKey",
                "The private key field holds no private key (it holds a certificate). Paste the key that begins "
                        + "with -----BEGIN PRIVATE KEY-----.");
    }

    @Test
    void encryptedKeyWithoutPassphrase() {
        assertMessage(() -> Pem.readPrivateKey(text("ec-encrypted.key.pem")), "passphrase",
                "The private key is encrypted. Enter its passphrase in the passphrase field.");
        assertMessage(() -> Pem.readPrivateKey(text("ec-encrypted.key.pem"), new char[0]), "passphrase",
                "The private key is encrypted. Enter its passphrase in the passphrase field.");
    }

    @Test
    void encryptedKeyWithItsPassphrase() throws Exception {
        assertEquals(Pem.readPrivateKey(text("ec.key.pem")),
                Pem.readPrivateKey(text("ec-encrypted.key.pem"), "secret".toCharArray()));
    }

    @Test
    void aPassphraseForAnUnencryptedKeyIsIgnored() throws Exception {
        assertEquals(Pem.readPrivateKey(text("ec.key.pem")),
                Pem.readPrivateKey(text("ec.key.pem"), "secret".toCharArray()));
    }

    @Test
    void twoKeys() {
        assertMessage(() -> Pem.readPrivateKey(text("ec.key.pem") + text("rsa.key.pem")), "privateKey",
                "The private key field holds 2 private keys. Paste only the key of this certificate.");
    }

    interface Call {
        void run() throws BadInputException;
    }

    static void assertMessage(Call call, String field, String message) {
        BadInputException e = assertThrows(BadInputException.class, call::run);
        assertEquals(message, e.getMessage());
        assertEquals(field, e.field());
    }
}
