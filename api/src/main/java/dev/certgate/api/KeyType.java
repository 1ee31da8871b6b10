package dev.certgate.api;

import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbTypeAdapter;

/**
 * The type and size of a key that certgate generates: for a certificate it issues (self-signed, local CA, ACME) or
 * for the ACME account. The constant names are the values of the REST contract ({@code "EC_P256"}, ...).
 */
@JsonbTypeAdapter(KeyType.Json.class)
public enum KeyType {

    /** EC on NIST P-256 (secp256r1): small, fast, accepted everywhere. The default. */
    EC_P256,
    /** EC on NIST P-384 (secp384r1). */
    EC_P384,
    /** RSA with a 2048-bit modulus, for clients that cannot do ECDSA. */
    RSA_2048,
    /** RSA with a 3072-bit modulus. */
    RSA_3072,
    /** RSA with a 4096-bit modulus (slow to generate: up to a few seconds). */
    RSA_4096;

    /** The key type used when the user chooses none. */
    public static final KeyType DEFAULT = EC_P256;

    /** The input's name in messages and in {@link InvalidInputException#field()}. */
    public static final String FIELD = "keyType";

    /**
     * The key type a user named: a constant name, case-insensitive.
     *
     * @return null for null or blank
     * @throws InvalidInputException on {@value #FIELD} when it names none
     */
    public static KeyType parse(String text) throws InvalidInputException {
        return Vocabulary.parse(KeyType.class, FIELD, "key type", text);
    }

    /** The wire form of JSON-B: the constant's name; reading it as {@link #parse} does. */
    public static final class Json implements JsonbAdapter<KeyType, String> {
        @Override
        public String adaptToJson(KeyType value) {
            return value.name();
        }

        @Override
        public KeyType adaptFromJson(String text) throws InvalidInputException {
            return parse(text);
        }
    }
}
