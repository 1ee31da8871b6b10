package dev.certgate.users;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A refused initial-users line shows its user name in the log only when it surely is one, never its password. */
class FirstUsersTest {

    private static String logged(String line) {
        return FirstUsers.nameToLog(line.split(":", 3));
    }

    @Test
    void aMalformedLineIsNamedByNumberOnly() {
        assertEquals("alice", logged("alice:admin:too-short"));
        assertEquals("bob", logged("bob:superuser:a-long-enough-password"));
        assertNull(logged("correcthorsebatterystaple"), "no colon: the line may be all password");
        assertNull(logged("carol:correcthorsebatterystaple"), "two fields: the second may be the password");
        assertNull(logged("Not A Name:admin:secret-password"));
        assertNull(logged(""));
    }
}
