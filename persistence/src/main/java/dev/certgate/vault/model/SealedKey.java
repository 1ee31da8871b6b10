package dev.certgate.vault.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.util.Arrays;
import java.util.Objects;

/**
 * A private key as the database keeps it: encrypted under its own data key, which is itself wrapped by the
 * installation's key-encryption key (KEK). Only the KEK's id is stored, never the KEK. Opening it is the vault's
 * job; this value only carries the bytes.
 */
@Embeddable
public class SealedKey {

    @Column(name = "kek_id", nullable = false, length = 64)
    private String kekId;

    @Column(name = "wrapped_data_key", nullable = false)
    private byte[] wrappedDataKey;

    @Column(name = "key_ciphertext", nullable = false)
    private byte[] ciphertext;

    protected SealedKey() {
        // for JPA
    }

    public SealedKey(String kekId, byte[] wrappedDataKey, byte[] ciphertext) {
        this.kekId = requireText(kekId, "kekId");
        this.wrappedDataKey = Objects.requireNonNull(wrappedDataKey, "wrappedDataKey").clone();
        this.ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
        if (this.wrappedDataKey.length == 0 || this.ciphertext.length == 0) {
            throw new IllegalArgumentException("a sealed key has a wrapped data key and a ciphertext");
        }
    }

    public String kekId() {
        return kekId;
    }

    public byte[] wrappedDataKey() {
        return wrappedDataKey.clone();
    }

    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    private static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedKey other && kekId.equals(other.kekId)
                && Arrays.equals(wrappedDataKey, other.wrappedDataKey) && Arrays.equals(ciphertext, other.ciphertext);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kekId, Arrays.hashCode(ciphertext));
    }

    @Override
    public String toString() {
        return "SealedKey[kek=" + kekId + "]";
    }
}
