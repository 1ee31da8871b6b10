package dev.certgate.core.vault;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EnvelopeTest {

    private static final byte[] SECRET = "-----BEGIN PRIVATE KEY----- pretend".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROW = "certgate/certificate/1/kek/x".getBytes(StandardCharsets.US_ASCII);

    private static InstanceKey randomKey() {
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        return InstanceKey.of(material);
    }

    @Test
    void opensWhatItSealed() throws Exception {
        InstanceKey kek = randomKey();
        Envelope.Sealed sealed = Envelope.seal(SECRET, kek, ROW);
        assertEquals(kek.id(), sealed.kekId());
        assertArrayEquals(SECRET, Envelope.open(sealed, kek, ROW));
        assertFalse(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1).contains("PRIVATE KEY"));
    }

    @Test
    void everySealUsesAFreshDataKeyAndNonce() {
        InstanceKey kek = randomKey();
        Envelope.Sealed one = Envelope.seal(SECRET, kek, ROW);
        Envelope.Sealed two = Envelope.seal(SECRET, kek, ROW);
        assertNotEquals(new String(one.ciphertext(), StandardCharsets.ISO_8859_1),
                new String(two.ciphertext(), StandardCharsets.ISO_8859_1));
        assertNotEquals(new String(one.wrappedDataKey(), StandardCharsets.ISO_8859_1),
                new String(two.wrappedDataKey(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void anotherKekIsRecognisedByItsId() {
        Envelope.Sealed sealed = Envelope.seal(SECRET, randomKey(), ROW);
        assertThrows(Envelope.WrongKeyException.class, () -> Envelope.open(sealed, randomKey(), ROW));
    }

    @Test
    void aValueMovedToAnotherRowDoesNotOpen() {
        InstanceKey kek = randomKey();
        Envelope.Sealed sealed = Envelope.seal(SECRET, kek, ROW);
        assertThrows(Envelope.WrongKeyException.class,
                () -> Envelope.open(sealed, kek, "certgate/certificate/2/kek/x".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void anAlteredValueDoesNotOpen() {
        InstanceKey kek = randomKey();
        Envelope.Sealed sealed = Envelope.seal(SECRET, kek, ROW);
        byte[] ciphertext = sealed.ciphertext();
        ciphertext[ciphertext.length - 1] ^= 1;
        Envelope.Sealed altered = new Envelope.Sealed(sealed.kekId(), sealed.wrappedDataKey(), ciphertext);
        assertThrows(Envelope.WrongKeyException.class, () -> Envelope.open(altered, kek, ROW));
    }
}
