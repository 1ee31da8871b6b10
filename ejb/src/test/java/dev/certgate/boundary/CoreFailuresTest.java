package dev.certgate.boundary;

import dev.certgate.api.CertgateException;
import dev.certgate.api.CertificateExpiredException;
import dev.certgate.api.InputTooLargeException;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.KeyMismatchException;
import dev.certgate.api.WeakKeyException;
import dev.certgate.api.WrongPassphraseException;
import dev.certgate.core.CoreException;
import dev.certgate.core.pki.CertificateImport;
import dev.certgate.core.pki.CertificateRequest;
import dev.certgate.core.pki.LocalCa;
import dev.certgate.core.pki.Pem;
import dev.certgate.core.pki.PemImport;
import dev.certgate.core.vault.Envelope;
import dev.certgate.core.vault.InstanceKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static dev.certgate.core.pki.Fixtures.bytes;
import static dev.certgate.core.pki.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What the user sees when the core refuses an input: the api exception, field and message the services throw
 * through {@link CoreFailures}, on the faulty files of the core's fixtures (src/test/resources/pki/bad). The
 * messages are those the import tests asserted when the PKI core threw api exceptions itself.
 */
class CoreFailuresTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final char[] SECRET = "secret".toCharArray();

    interface Call {
        void run() throws CoreException;
    }

    /** The api exception the service boundary throws for what {@code call} throws. */
    private static <E extends CertgateException> E mapped(Class<E> type, String message, Call call) {
        CoreException failure = assertThrows(CoreException.class, call::run);
        CertgateException api = CoreFailures.toApi(failure);
        assertSame(type, api.getClass());
        assertEquals(message, api.getMessage());
        return type.cast(api);
    }

    private static void pem(String chain, String key) throws CoreException {
        PemImport.parse(text("bad/" + chain), text("bad/" + key), null, NOW);
    }

    @Test
    void aKeyOfAnotherCertificate() {
        KeyMismatchException e = mapped(KeyMismatchException.class, "The private key does not match the "
                + "certificate for mismatched.bad.example.test. Paste the key that was generated together with this "
                + "certificate.", () -> pem("mismatched.crt.pem", "mismatched.key.pem"));
        assertEquals("mismatched.bad.example.test", e.commonName());
        mapped(KeyMismatchException.class, "The private key does not match the certificate for ec.example.test. "
                + "Paste the key that was generated together with this certificate.",
                () -> PemImport.parse(text("ec.crt.pem"), text("wildcard.key.pem"), NOW));
    }

    @Test
    void anExpiredLeaf() {
        CertificateExpiredException e = mapped(CertificateExpiredException.class, "The certificate for "
                + "expired.bad.example.test expired on 2021-01-01 00:00 UTC. Renew it with its issuer and import the "
                + "new one.", () -> pem("expired.crt.pem", "expired.key.pem"));
        assertEquals(Instant.parse("2021-01-01T00:00:00Z"), e.notAfter());
        mapped(CertificateExpiredException.class, "The certificate for expired.example.test expired on 2021-01-01 "
                + "00:00 UTC. Renew it with its issuer and import the new one.",
                () -> PemImport.parse(text("expired.crt.pem"), text("expired.key.pem"), NOW));
    }

    @Test
    void weakKeys() {
        WeakKeyException small = mapped(WeakKeyException.class, "The certificate for rsa1024.bad.example.test has an "
                + "RSA key of 1024 bits, which is too weak. Create a key of at least 2048 bits and have the "
                + "certificate issued again for it.", () -> pem("rsa1024.crt.pem", "rsa1024.key.pem"));
        assertEquals("RSA", small.algorithm());
        assertEquals(1024, small.bits());
        assertNull(small.curve());
        WeakKeyException large = mapped(WeakKeyException.class, "The certificate for rsa8704.bad.example.test has an "
                + "RSA key of 8704 bits, more than the 8192 bits the gateway takes (larger keys slow down every "
                + "handshake). Create a key of 2048 to 8192 bits and have the certificate issued again for it.",
                () -> pem("rsa8704.crt.pem", "rsa8704.key.pem"));
        assertEquals(8704, large.bits());
        WeakKeyException k1 = mapped(WeakKeyException.class, "The certificate for secp256k1.bad.example.test has an "
                + "EC key on the curve secp256k1, which browsers do not accept. Create a key on P-256, P-384 or P-521 "
                + "and have the certificate issued again for it.", () -> pem("secp256k1.crt.pem", "secp256k1.key.pem"));
        assertEquals("EC", k1.algorithm());
        assertEquals(256, k1.bits());
        assertEquals("secp256k1", k1.curve());
        WeakKeyException p192 = mapped(WeakKeyException.class, "The certificate for p192.bad.example.test has an EC "
                + "key on the curve P-192, which browsers do not accept. Create a key on P-256, P-384 or P-521 and "
                + "have the certificate issued again for it.", () -> pem("p192.crt.pem", "p192.key.pem"));
        assertEquals(192, p192.bits());
    }

    @Test
    void oversizedInputs() {
        String huge = text("bad/good.crt.pem").repeat(Pem.MAX_TEXT_CHARS / 500);
        InputTooLargeException chain = mapped(InputTooLargeException.class, "The certificate chain is too large ("
                + (huge.length() + 1023) / 1024 + " KiB); the limit is 256 KiB. A certificate with its chain and key "
                + "takes a few KiB: check that you chose the right file.",
                () -> PemImport.parse(huge, text("bad/good.key.pem"), null, NOW));
        assertEquals("certificate", chain.field());
        assertEquals(262_144, chain.limitBytes());
        assertEquals(huge.length(), chain.size());
        mapped(InputTooLargeException.class, "The private key is too large (257 KiB); the limit is 256 KiB. A "
                + "certificate with its chain and key takes a few KiB: check that you chose the right file.",
                () -> PemImport.parse(text("bad/good.crt.pem"), "x".repeat(Pem.MAX_TEXT_CHARS + 1), null, NOW));
        byte[] file = new byte[CertificateImport.MAX_BINARY_BYTES + 1];
        InputTooLargeException pkcs12 = mapped(InputTooLargeException.class, "The PKCS#12 file is too large "
                + "(1025 KiB); the limit is 1024 KiB. A certificate with its chain and key takes a few KiB: check "
                + "that you chose the right file.", () -> CertificateImport.fromPkcs12(file, SECRET, NOW));
        assertEquals("pkcs12", pkcs12.field());
        assertEquals(1_048_576, pkcs12.limitBytes());
        mapped(InputTooLargeException.class, "The certificate file is too large (1025 KiB); the limit is 1024 KiB. A "
                + "certificate with its chain and key takes a few KiB: check that you chose the right file.",
                () -> CertificateImport.fromDer(file, text("bad/good.key.pem"), null, NOW));
    }

    @Test
    void badInputKeepsItsFieldMessageAndCause() {
        // a block whose base64 is damaged: Bouncy Castle's exception is the cause
        CoreException failure = assertThrows(CoreException.class, () -> PemImport.parse(
                "-----BEGIN CERTIFICATE-----\nMIIB!!!!\n-----END CERTIFICATE-----\n", text("bad/good.key.pem"), null, NOW));
        InvalidInputException e = (InvalidInputException) CoreFailures.toApi(failure);
        assertSame(InvalidInputException.class, e.getClass());
        assertEquals("certificate", e.field());
        assertEquals(failure.getMessage(), e.getMessage());
        // kept (as a RemoteCause when its chain holds a Bouncy Castle class, so remote clients can read it)
        assertEquals(failure.getCause().getMessage(), e.getCause().getMessage());
        assertEquals(failure.getStackTrace()[0], e.getStackTrace()[0]);
        InvalidInputException name = mapped(InvalidInputException.class, "The common name a_b.example.com is not a "
                + "host name. Use letters, digits and hyphens in labels separated by dots, as in www.example.com, or "
                + "a wildcard such as *.example.com.", () -> CertificateRequest.of("a_b.example.com"));
        assertEquals("commonName", name.field());
    }

    @Test
    void wrongPassphrasesAndPasswords() {
        WrongPassphraseException key = mapped(WrongPassphraseException.class, "The passphrase does not open the "
                + "private key. Enter the passphrase the key was encrypted with.",
                () -> PemImport.parse(text("bad/good.crt.pem"), text("bad/wrong-passphrase.key.pem"), SECRET, NOW));
        assertEquals("passphrase", key.field());
        WrongPassphraseException file = mapped(WrongPassphraseException.class, "The password does not open the "
                + "PKCS#12 file. Enter the password it was exported with.",
                () -> CertificateImport.fromPkcs12(bytes("bad/wrong-password.p12"), SECRET, NOW));
        assertEquals("password", file.field());
        // a missing passphrase is plain bad input on that field, as before
        InvalidInputException missing = mapped(InvalidInputException.class, "The private key is encrypted. Enter "
                + "its passphrase in the passphrase field.",
                () -> PemImport.parse(text("bad/good.crt.pem"), text("bad/wrong-passphrase-legacy.key.pem"), null,
                        NOW));
        assertEquals("passphrase", missing.field());
    }

    @Test
    void anExpiredLocalCaAndAWrongInstanceKeyAreRefusals() {
        LocalCa ca = LocalCa.createRoot("certgate local CA test", NOW);
        CertgateException expired = mapped(CertgateException.class, "The local CA's root certificate expired on "
                + "2036-06-01 11:54 UTC. Create a new local CA and import its root certificate into the browsers "
                + "again.", () -> ca.issue(CertificateRequest.of("www.example.test"),
                Instant.parse("2036-06-02T12:00:00Z")));
        assertNull(expired.getCause());
        byte[] row = "certgate/certificate/1".getBytes(StandardCharsets.UTF_8);
        InstanceKey one = InstanceKey.of(new byte[32]);
        byte[] other = new byte[32];
        other[0] = 1;
        Envelope.Sealed sealed = Envelope.seal(new byte[]{1, 2, 3}, one, row);
        mapped(CertgateException.class, "sealed under instance key " + one.id() + ", but this installation's key is "
                + InstanceKey.of(other).id(), () -> Envelope.open(sealed, InstanceKey.of(other), row));
    }

    @Test
    void aNameTheLocalCaMayNotIssueForIsARefusal() {
        LocalCa ca = LocalCa.createRoot("certgate local CA test", NOW);
        CertgateException refused = mapped(CertgateException.class, "The local CA does not issue *.co.uk: co.uk is a "
                + "public suffix (anyone can register a name under it), so the wildcard would cover other people's "
                + "domains. Name the hosts, or a wildcard under a domain of your own.", () -> ca.issue(CertificateRequest.of("*.co.uk"), NOW));
        assertSame(dev.certgate.api.ErrorCategory.UNACCEPTABLE, refused.category());
    }
}
