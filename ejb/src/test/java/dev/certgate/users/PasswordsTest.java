package dev.certgate.users;

import dev.certgate.users.model.StoredPassword;
import org.junit.jupiter.api.Test;
import org.wildfly.common.codec.Base64Alphabet;
import org.wildfly.common.iteration.CodePointIterator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordsTest {

    @Test
    void aHashMatchesItsPasswordOnly() {
        StoredPassword stored = Passwords.hash("correct horse battery");
        assertTrue(Passwords.matches(stored, "correct horse battery"));
        assertFalse(Passwords.matches(stored, "correct horse batterY"));
        assertFalse(Passwords.matches(stored, ""));
        assertFalse(Passwords.matches(stored, null));
        assertEquals(Passwords.COST, stored.cost());
    }

    @Test
    void theSamePasswordGetsAnotherSaltEachTime() {
        StoredPassword a = Passwords.hash("same password here");
        StoredPassword b = Passwords.hash("same password here");
        assertNotEquals(a.salt(), b.salt());
        assertNotEquals(a.hash(), b.hash());
    }

    /** The columns decode as the Elytron JDBC realm decodes them (bcrypt-mapper, base64): 23-byte hash, 16-byte salt. */
    @Test
    void columnsDecodeAsTheJdbcRealmReadsThem() {
        StoredPassword stored = Passwords.hash("a password of some length");
        assertEquals(23, CodePointIterator.ofString(stored.hash()).base64Decode(Base64Alphabet.STANDARD, false).drain().length);
        assertEquals(16, CodePointIterator.ofString(stored.salt()).base64Decode(Base64Alphabet.STANDARD, false).drain().length);
        assertTrue(stored.hash().length() <= 64 && stored.salt().length() <= 32, "fits the V10 columns");
    }

    @Test
    void generatedPasswordsAreLongAndDiffer() {
        String one = Passwords.generate();
        assertTrue(one.length() >= 24, one.length() + " characters");
        assertNotEquals(one, Passwords.generate());
        assertFalse(Passwords.hash(one).toString().contains(one));
    }
}
