package dev.certgate.pki;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Objects;

/** Facts about keys that do not depend on where they are stored. */
public final class Keys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Keys() {
    }

    /**
     * Whether a private key is the other half of a public key: signs a random challenge with one and verifies it
     * with the other, so it works the same for every key type.
     */
    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        String algorithm = algorithm(publicKey);
        if (!algorithm.equals(algorithm(privateKey))) {
            return false;
        }
        String signatureAlgorithm = switch (algorithm) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519" -> "Ed25519";
            default -> null;
        };
        if (signatureAlgorithm == null) {
            return false;
        }
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(signatureAlgorithm);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(signatureAlgorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // e.g. an EC key on another curve than the certificate's: not the same key pair
            return false;
        }
    }

    /** "RSA", "EC" or "Ed25519" (the JDK also calls Ed25519 keys "EdDSA"). */
    public static String algorithm(java.security.Key key) {
        String algorithm = key.getAlgorithm();
        return switch (algorithm) {
            case "EdDSA" -> "Ed25519";
            case "ECDSA" -> "EC"; // Bouncy Castle's name for EC keys
            default -> algorithm;
        };
    }
}
