package dev.certgate.api;

/** Where a key of the instance keyring is in its staged rotation. */
public enum InstanceKeyState {
    /** made and written to the keyring; not sealing yet (activate it once every node holds it) */
    STAGED,
    /** every node seals under it */
    ACTIVE,
    /** was active; stored keys may still be sealed under it until they are re-wrapped and it is retired */
    PREVIOUS,
    /** removed from the keyring; opens nothing */
    RETIRED
}
