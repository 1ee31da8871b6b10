package dev.certgate.vault;

import dev.certgate.api.CertgateException;
import dev.certgate.vault.model.SealedKey;

import java.util.List;

/**
 * A capability whose own rows hold keys that the vault sealed: the certificates (their private keys and the local
 * CA's) and ACME (the account key and the EAB HMAC key). The vault owns the envelope format and the instance key but
 * no table: a rotation and the start-up check go through every holder (each a bean found by CDI), and a holder reads
 * and writes only its own rows.
 */
public interface SealedKeyHolder {

    /** Seals one stored key again; given by the vault to {@link #rewrapAll}. */
    @FunctionalInterface
    interface Rewrap {
        SealedKey apply(Vault.Owner owner, String id, SealedKey sealed) throws CertgateException;
    }

    /**
     * Replaces each key this holder keeps by {@code rewrap}'s result, in the caller's transaction.
     *
     * @return how many private keys of certificates were re-sealed (the figure {@code InstanceKeyStatus} reports) and
     *         how many other keys
     */
    Rewrapped rewrapAll(Rewrap rewrap) throws CertgateException;

    /** How many private keys of certificates this holder keeps sealed under the instance key {@code kekId}. */
    long certificateKeysSealedUnder(String kekId);

    /** How many keys of any kind this holder keeps sealed under {@code kekId}. */
    long keysSealedUnder(String kekId);

    /** How many of this holder's keys are sealed under another instance key than {@code kekId}. */
    long keysSealedUnderOtherThan(String kekId);

    /** At most {@code limit} of this holder's rows sealed under another instance key than {@code kekId}: "id (name)". */
    List<String> rowsSealedUnderOtherThan(String kekId, int limit);

    /** What one holder re-sealed. */
    record Rewrapped(int certificateKeys, int otherKeys) {

        public static final Rewrapped NONE = new Rewrapped(0, 0);

        public Rewrapped plus(Rewrapped other) {
            return new Rewrapped(certificateKeys + other.certificateKeys, otherKeys + other.otherKeys);
        }
    }
}
