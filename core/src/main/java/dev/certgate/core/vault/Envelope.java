package dev.certgate.core.vault;

import dev.certgate.core.CoreException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Envelope encryption with AES-256-GCM: the plaintext is encrypted under a fresh random data key, and the data key
 * is wrapped under the KEK. Both use the same additional authenticated data, which binds the ciphertext to its row:
 * a sealed value copied to another row, or opened under another KEK, fails to open.
 * Layout of each part: 12-byte nonce, then GCM ciphertext with its 16-byte tag.
 */
public final class Envelope {

    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Envelope() {
    }

    /**
     * A sealed value.
     *
     * @param kekId          the id of the KEK that wrapped the data key
     * @param wrappedDataKey the data key, encrypted under the KEK
     * @param ciphertext     the value, encrypted under the data key
     */
    public record Sealed(String kekId, byte[] wrappedDataKey, byte[] ciphertext) {
        public Sealed {
            Objects.requireNonNull(kekId, "kekId");
            wrappedDataKey = wrappedDataKey.clone();
            ciphertext = ciphertext.clone();
        }

        @Override
        public byte[] wrappedDataKey() {
            return wrappedDataKey.clone();
        }

        @Override
        public byte[] ciphertext() {
            return ciphertext.clone();
        }
    }

    /** Seals {@code plaintext} (not changed; the caller clears it) under a new data key wrapped by {@code kek}. */
    public static Sealed seal(byte[] plaintext, InstanceKey kek, byte[] aad) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(kek, "kek");
        Objects.requireNonNull(aad, "aad");
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        try {
            byte[] wrapped = encrypt(kek.secretKey(), dataKey, aad);
            byte[] ciphertext = encrypt(new SecretKeySpec(dataKey, "AES"), plaintext, aad);
            return new Sealed(kek.id(), wrapped, ciphertext);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * Opens a sealed value. The caller should clear the result once used.
     *
     * @throws WrongKeyException when {@code kek} is not the KEK that sealed it, or the value or AAD were altered
     */
    public static byte[] open(Sealed sealed, InstanceKey kek, byte[] aad) throws WrongKeyException {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(kek, "kek");
        if (!sealed.kekId().equals(kek.id())) {
            throw new WrongKeyException("sealed under instance key " + sealed.kekId() + ", but this installation's "
                    + "key is " + kek.id());
        }
        byte[] dataKey = decrypt(kek.secretKey(), sealed.wrappedDataKey(), aad);
        try {
            return decrypt(new SecretKeySpec(dataKey, "AES"), sealed.ciphertext(), aad);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private static byte[] encrypt(SecretKey key, byte[] plaintext, byte[] aad) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] body = cipher.doFinal(plaintext);
            byte[] out = Arrays.copyOf(nonce, NONCE + body.length);
            System.arraycopy(body, 0, out, NONCE, body.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every JDK", e);
        }
    }

    private static byte[] decrypt(SecretKey key, byte[] sealed, byte[] aad) throws WrongKeyException {
        if (sealed.length < NONCE + TAG_BITS / 8) {
            throw new WrongKeyException("sealed value too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
        } catch (AEADBadTagException e) {
            throw new WrongKeyException("the sealed value does not open under this key and row", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every JDK", e);
        }
    }

    /** A sealed value does not open: another KEK sealed it, or it was altered or moved to another row. */
    public static final class WrongKeyException extends CoreException {
        private static final long serialVersionUID = 1L;

        WrongKeyException(String message) {
            super(message);
        }

        WrongKeyException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
