package dev.certgate.core.pki;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.math.ec.ECPoint;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.util.Objects;

/** Facts about keys that do not depend on where they are stored. */
public final class Keys {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** How many times {@link #matches} ran: its tests check that a batch is paired by lookup, not by trial. */
    static final java.util.concurrent.atomic.LongAdder CHECKS = new java.util.concurrent.atomic.LongAdder();

    private Keys() {
    }

    /**
     * Whether a private key is the other half of a public key: signs a random challenge with one and verifies it
     * with the other, so it works the same for every key type. An EC key on a curve the JDK no longer signs with
     * (secp256k1, P-192, ...) is compared by arithmetic instead, so that it is reported for its curve and not as a
     * mismatch.
     */
    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        CHECKS.increment();
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        String algorithm = algorithm(publicKey);
        if (!algorithm.equals(algorithm(privateKey))) {
            return false;
        }
        if (privateKey instanceof java.security.interfaces.RSAKey rsaPrivate
                && publicKey instanceof java.security.interfaces.RSAKey rsaPublic
                && !rsaPrivate.getModulus().equals(rsaPublic.getModulus())) {
            return false; // another RSA key, told without signing: one signature per import, not one per certificate
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
            // e.g. an EC key on another curve than the certificate's, or on a curve the JDK cannot sign with
            return "EC".equals(algorithm) && sameEcPoint(privateKey, publicKey);
        }
    }

    /** Whether the public point is the private scalar times the generator, on the same curve. */
    private static boolean sameEcPoint(PrivateKey privateKey, PublicKey publicKey) {
        if (!(privateKey instanceof ECPrivateKey ec) || privateKey.getEncoded() == null) {
            return false;
        }
        try {
            ASN1Encodable privateCurve = PrivateKeyInfo.getInstance(privateKey.getEncoded())
                    .getPrivateKeyAlgorithm().getParameters();
            SubjectPublicKeyInfo publicInfo = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
            ASN1Encodable publicCurve = publicInfo.getAlgorithm().getParameters();
            if (privateCurve == null || publicCurve == null
                    || !privateCurve.toASN1Primitive().equals(publicCurve.toASN1Primitive())) {
                return false;
            }
            X9ECParameters curve = publicCurve instanceof ASN1ObjectIdentifier oid
                    ? ECNamedCurveTable.getByOID(oid) : X9ECParameters.getInstance(publicCurve);
            if (curve == null) {
                return false;
            }
            ECPoint expected = curve.getG().multiply(ec.getS()).normalize();
            return expected.equals(curve.getCurve().decodePoint(publicInfo.getPublicKeyData().getBytes()));
        } catch (RuntimeException e) {
            return false; // unreadable parameters or point: not shown to match
        }
    }

    /**
     * A cheap value that a private key and its public key share: the RSA modulus, or the affine x of the EC public
     * point (computed once from the private scalar). Empty for other keys. Equal values only make a match likely;
     * {@link #matches} decides. Lets a batch of keys and certificates be paired by lookup rather than by trying every
     * key against every certificate.
     */
    static java.util.Optional<java.math.BigInteger> publicValue(PrivateKey privateKey) {
        try {
            if (privateKey instanceof java.security.interfaces.RSAPrivateKey rsa) {
                return java.util.Optional.of(rsa.getModulus());
            }
            if (privateKey instanceof ECPrivateKey ec && privateKey.getEncoded() != null) {
                ASN1Encodable curveId = PrivateKeyInfo.getInstance(privateKey.getEncoded())
                        .getPrivateKeyAlgorithm().getParameters();
                X9ECParameters curve = curveId instanceof ASN1ObjectIdentifier oid
                        ? ECNamedCurveTable.getByOID(oid) : null;
                if (curve != null) {
                    return java.util.Optional.of(curve.getG().multiply(ec.getS()).normalize().getAffineXCoord()
                            .toBigInteger());
                }
            }
        } catch (RuntimeException e) {
            // unreadable parameters: no shortcut, the caller compares the slow way
        }
        return java.util.Optional.empty();
    }

    /** As {@link #publicValue(PrivateKey)}, for a certificate's public key. */
    static java.util.Optional<java.math.BigInteger> publicValue(PublicKey publicKey) {
        if (publicKey instanceof java.security.interfaces.RSAPublicKey rsa) {
            return java.util.Optional.of(rsa.getModulus());
        }
        if (publicKey instanceof java.security.interfaces.ECPublicKey ec) {
            return java.util.Optional.of(ec.getW().getAffineX());
        }
        return java.util.Optional.empty();
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
