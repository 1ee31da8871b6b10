package dev.certgate.core.vault;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyringTest {

    @Test
    void opensUnderWhicheverHeldKeySealed() throws Exception {
        InstanceKey old = KeyringFile.newKey();
        InstanceKey fresh = KeyringFile.newKey();
        Keyring ring = Keyring.of(List.of(old)).with(fresh).with(old);
        assertEquals(List.of(old.id(), fresh.id()), ring.ids(), "each key once, in order");
        byte[] aad = "row".getBytes(StandardCharsets.US_ASCII);
        byte[] secret = "s".getBytes(StandardCharsets.US_ASCII);
        Envelope.Sealed underOld = Envelope.seal(secret, old, aad);
        assertArrayEquals(secret, Envelope.open(underOld, ring.get(underOld.kekId()).orElseThrow(), aad));
        Keyring retired = ring.without(old.id());
        assertFalse(retired.holds(old.id()));
        assertTrue(retired.get(underOld.kekId()).isEmpty(), "a retired key opens nothing");
        assertFalse(ring.toString().contains("=") || ring.toString().length() > 60, "ids only: " + ring);
        assertEquals(2, Keyring.empty().with(ring).size());
    }
}
