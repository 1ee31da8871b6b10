package dev.certgate.vault;

import dev.certgate.api.CertgateException;
import dev.certgate.vault.model.SealedKey;

import java.util.Collection;
import java.util.List;

/**
 * A capability whose own rows hold keys that the vault sealed: the certificates (their private keys and the local
 * CA's) and ACME (the account key and the EAB HMAC key). The vault owns the envelope format and the instance key but
 * no table: a rotation and the start-up check go through every holder (each a bean found by CDI), and a holder reads
 * and writes only its own rows.
 */
public interface SealedKeyHolder {

    /** Seals one stored key again; given by the vault to {@link #rewrapBatch}. */
    @FunctionalInterface
    interface Rewrap {
        SealedKey apply(Vault.Owner owner, String id, SealedKey sealed) throws CertgateException;
    }

    /**
     * Replaces at most {@code limit} of the keys this holder keeps sealed under one of {@code fromKekIds} by
     * {@code rewrap}'s result, in a transaction of its own (committed when this returns), so a re-wrap of many rows
     * holds no lock for long and each call sees what committed before it.
     *
     * @return how many private keys of certificates were re-sealed and how many other keys; none when no row is left
     */
    Rewrapped rewrapBatch(Collection<String> fromKekIds, int limit, Rewrap rewrap) throws CertgateException;

    /** How many private keys of certificates this holder keeps sealed under the instance key {@code kekId}. */
    long certificateKeysSealedUnder(String kekId);

    /** How many keys of any kind this holder keeps sealed under {@code kekId}. */
    long keysSealedUnder(String kekId);

    /**
     * How many keys of any kind this holder keeps sealed, under any key. (Not a default method: the container's
     * security would not let the vault call it, a default method carries no role annotation of the bean.)
     */
    long keysSealed();

    /** How many of this holder's keys are sealed under another instance key than {@code kekId}. */
    long keysSealedUnderOtherThan(String kekId);

    /** At most {@code limit} of this holder's rows sealed under none of {@code kekIds}: "id (name)". */
    List<String> rowsSealedUnderNoneOf(Collection<String> kekIds, int limit);

    /** What one holder re-sealed. */
    record Rewrapped(int certificateKeys, int otherKeys) {

        public int total() {
            return certificateKeys + otherKeys;
        }

        public static final Rewrapped NONE = new Rewrapped(0, 0);

        public Rewrapped plus(Rewrapped other) {
            return new Rewrapped(certificateKeys + other.certificateKeys, otherKeys + other.otherKeys);
        }
    }
}
