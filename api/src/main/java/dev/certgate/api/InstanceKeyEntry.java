package dev.certgate.api;

import java.io.Serializable;

/**
 * One key of the instance keyring. Never the key itself.
 *
 * @param keyId      its id (16 hex digits)
 * @param state      where it is in the rotation
 * @param heldHere   whether the node that answered holds it in its keyring
 * @param sealedKeys how many stored keys (of any kind) are sealed under it
 */
public record InstanceKeyEntry(String keyId, InstanceKeyState state, boolean heldHere, long sealedKeys)
        implements Serializable {
}
