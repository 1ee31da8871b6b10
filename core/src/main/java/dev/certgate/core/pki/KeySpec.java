package dev.certgate.core.pki;

import dev.certgate.api.KeyType;
import dev.certgate.core.BadInputException;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The type and size of a key that certgate generates for a certificate it issues. The constant names are the values
 * of the REST contract ({@code "EC_P256"}, ...). Keys come from the JDK's own providers, so JSSE uses them as they are.
 */
public enum KeySpec {

    /** EC on NIST P-256 (secp256r1), signed with SHA-256: small, fast, accepted everywhere. The default. */
    EC_P256("EC", 256, "SHA256withECDSA"),
    /** EC on NIST P-384 (secp384r1), signed with SHA-384. */
    EC_P384("EC", 384, "SHA384withECDSA"),
    /** RSA with a 2048-bit modulus, for clients that cannot do ECDSA. */
    RSA_2048("RSA", 2048, "SHA256withRSA"),
    /** RSA with a 3072-bit modulus. */
    RSA_3072("RSA", 3072, "SHA256withRSA"),
    /** RSA with a 4096-bit modulus (slow to generate: up to a few seconds). */
    RSA_4096("RSA", 4096, "SHA256withRSA");

    /** The key type used when the user chooses none. */
    public static final KeySpec DEFAULT = EC_P256;

    /** The name of the key type input in messages and in {@link BadInputException#field()}. */
    public static final String FIELD = "keySpec";

    private final String algorithm;
    private final int bits;
    private final String signatureAlgorithm;

    KeySpec(String algorithm, int bits, String signatureAlgorithm) {
        this.algorithm = algorithm;
        this.bits = bits;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /**
     * The key type a user named, as in the REST contract.
     *
     * @param name one of the constant names, case-insensitive; null or blank means {@link #DEFAULT}
     * @throws BadInputException on field {@value #FIELD} when the name is none of them
     */
    public static KeySpec of(String name) throws BadInputException {
        if (name == null || name.isBlank()) {
            return DEFAULT;
        }
        for (KeySpec spec : values()) {
            if (spec.name().equalsIgnoreCase(name.strip())) {
                return spec;
            }
        }
        throw new BadInputException(FIELD, "The key type \"" + name.strip() + "\" is not supported. Choose one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + ".");
    }

    /** The key spec of a key type of the API: the one with the same name. */
    public static KeySpec forType(KeyType type) {
        return valueOf(type.name());
    }

    /** The key type of the API that this spec generates. */
    public KeyType type() {
        return KeyType.valueOf(name());
    }

    /** The key type of an existing public key; empty for a key of none of these types (another curve, size). */
    public static Optional<KeySpec> ofKey(PublicKey key) {
        int bits;
        if (key instanceof ECPublicKey ec) {
            bits = ec.getParams().getCurve().getField().getFieldSize();
        } else if (key instanceof RSAPublicKey rsa) {
            bits = rsa.getModulus().bitLength();
        } else {
            return Optional.empty();
        }
        String algorithm = Keys.algorithm(key);
        return Arrays.stream(values()).filter(s -> s.algorithm.equals(algorithm) && s.bits == bits).findFirst();
    }

    /** "EC" or "RSA", as {@link Keys#algorithm} names it. */
    public String algorithm() {
        return algorithm;
    }

    /** The curve's field size for EC, the modulus length for RSA. */
    public int bits() {
        return bits;
    }

    /** The JCA name of the signature a certificate for this key is self-signed with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** Whether the key is RSA, so a TLS 1.2 RSA key exchange may encrypt with it (key usage keyEncipherment). */
    public boolean isRsa() {
        return "RSA".equals(algorithm);
    }

    /** A new random key pair of this type, from the JDK's providers. */
    public KeyPair generate() {
        AlgorithmParameterSpec parameters = switch (this) {
            case EC_P256 -> new ECGenParameterSpec("secp256r1");
            case EC_P384 -> new ECGenParameterSpec("secp384r1");
            case RSA_2048, RSA_3072, RSA_4096 -> new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4);
        };
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(parameters);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate a " + name() + " key", e);
        }
    }
}
