package dev.certgate.core.vault;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The installation's key-encryption key: 256 random bits, and an id derived from them that the database records next
 * to each sealed key, so a wrong KEK is recognised before anything is decrypted. The id is a truncated SHA-256 of a
 * domain-separated input and reveals nothing usable about the key.
 */
public final class InstanceKey {

    /** The key length in bytes. */
    public static final int LENGTH = 32;

    private final SecretKey key;
    private final String id;

    private InstanceKey(byte[] material) {
        this.key = new SecretKeySpec(material, "AES");
        this.id = deriveId(material);
    }

    /** A KEK from its 32 bytes (copied). */
    public static InstanceKey of(byte[] material) {
        Objects.requireNonNull(material, "material");
        if (material.length != LENGTH) {
            throw new IllegalArgumentException("an instance key has " + LENGTH + " bytes, not " + material.length);
        }
        return new InstanceKey(material.clone());
    }

    /** The KEK's public id, 16 hex digits. */
    public String id() {
        return id;
    }

    SecretKey secretKey() {
        return key;
    }

    /** The key's bytes (a copy, for the keyring file only; the caller clears it). */
    byte[] material() {
        return key.getEncoded();
    }

    private static String deriveId(byte[] material) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("certgate instance key id\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(Arrays.copyOf(sha256.digest(material), 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "InstanceKey[" + id + "]";
    }
}
