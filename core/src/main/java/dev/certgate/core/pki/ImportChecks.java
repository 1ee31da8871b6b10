package dev.certgate.core.pki;

import dev.certgate.core.BadInputException;
import dev.certgate.core.CoreException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The checks every import makes once its certificates and key are read, whatever their format: the key belongs to a
 * certificate (the leaf), the leaf's key is strong enough and the leaf has not expired (else refused); the chain is
 * put in order leaf to root, and what the user should know is collected as warnings.
 */
final class ImportChecks {

    static final int RSA_MIN_BITS = 2048;
    static final int RSA_MAX_BITS = 8192;
    /**
     * The most certificates one import takes: the certificate, its intermediates and a root. Real chains have two
     * to four; the cap bounds the signature checks a hostile paste can ask for.
     */
    static final int MAX_CHAIN_CERTIFICATES = 10;

    private static final Set<ASN1ObjectIdentifier> CURVES =
            Set.of(SECObjectIdentifiers.secp256r1, SECObjectIdentifiers.secp384r1, SECObjectIdentifiers.secp521r1);
    private static final Set<String> SHA1_SIGNATURES = Set.of(
            "1.2.840.113549.1.1.5", // sha1WithRSAEncryption
            "1.3.14.3.2.29",        // sha1WithRSASignature (OIW)
            "1.2.840.10045.4.1",    // ecdsa-with-SHA1
            "1.2.840.10040.4.3");   // dsa-with-sha1
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private ImportChecks() {
    }

    /**
     * @param certificates as given, in the given order (duplicates allowed); not empty
     * @param key          the private key given with them
     * @throws UnmatchedKeyException when the key belongs to none of the certificates
     * @throws WeakLeafKeyException when the leaf's key is RSA under 2048 or over 8192 bits, or EC on a curve
     *                              other than P-256, P-384, P-521
     * @throws ExpiredLeafException when the leaf is expired at {@code now}
     */
    static ImportedCertificate check(List<X509Certificate> certificates, PrivateKey key, Instant now)
            throws CoreException {
        return check(certificates, key, now, false);
    }

    /**
     * As {@link #check(List, PrivateKey, Instant)}; with {@code acceptExpired} an expired leaf is taken, with a
     * warning saying so (a bulk import or a migration that was asked to keep expired certificates).
     */
    static ImportedCertificate check(List<X509Certificate> certificates, PrivateKey key, Instant now,
                                     boolean acceptExpired) throws CoreException {
        List<X509Certificate> given = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            if (!given.contains(certificate)) { // exact duplicates (same encoding) are dropped silently
                given.add(certificate);
            }
        }
        if (given.size() > MAX_CHAIN_CERTIFICATES) {
            throw chainTooLong(Pem.CERTIFICATE, "certificate chain", given.size());
        }
        refuseOversizedKeyBeforeSigning(key, given);
        X509Certificate leafCertificate = null;
        for (X509Certificate certificate : given) {
            if (Keys.matches(key, certificate.getPublicKey())) {
                leafCertificate = certificate;
                break;
            }
        }
        if (leafCertificate == null) {
            throw new UnmatchedKeyException(LeafCertificate.of(given.get(0)).commonName());
        }
        LeafCertificate leaf = LeafCertificate.of(leafCertificate);
        checkKey(leaf);
        boolean expired = leaf.notAfter().isBefore(now);
        if (expired && !acceptExpired) {
            throw new ExpiredLeafException(leaf.commonName(), leaf.notAfter());
        }

        List<String> warnings = new ArrayList<>();
        if (expired) {
            warnings.add("The certificate for " + leaf.commonName() + " expired at " + DATE.format(leaf.notAfter())
                    + "; it was imported as asked, but clients will refuse it. Replace it.");
        }
        List<X509Certificate> remaining = new ArrayList<>(given);
        remaining.remove(leafCertificate);
        List<X509Certificate> chain = new ArrayList<>(List.of(leafCertificate));
        X509Certificate last = leafCertificate;
        while (!selfSigned(last)) {
            X509Certificate issuer = issuerOf(last, remaining);
            if (issuer == null) {
                break;
            }
            chain.add(issuer);
            remaining.remove(issuer);
            last = issuer;
        }
        if (!inGivenOrder(chain, given)) {
            warnings.add("The chain was out of order; it has been reordered leaf first.");
        }
        // A chain ending at an intermediate CA without its root is normal (clients have the root); a chain ending at
        // a certificate that is not a CA and not self-signed lacks the intermediate that issued it.
        if (!selfSigned(last) && last.getBasicConstraints() < 0) {
            warnings.add("The chain does not reach a root: the intermediate certificate of "
                    + last.getIssuerX500Principal().getName() + " is missing. Browsers may reject the certificate "
                    + "until you add it.");
        }
        for (X509Certificate unrelated : remaining) {
            warnings.add("The certificate for " + LeafCertificate.of(unrelated).commonName() + " does not link to "
                    + "the chain of " + leaf.commonName() + "; it has been left out.");
        }
        if (leaf.notBefore().isAfter(now)) {
            warnings.add("The certificate for " + leaf.commonName() + " is not valid before "
                    + DATE.format(leaf.notBefore()) + ". It can be imported now, but clients will refuse it until "
                    + "then.");
        }
        for (X509Certificate certificate : chain) {
            boolean root = certificate != leafCertificate && selfSigned(certificate); // nobody checks its signature
            if (!root && SHA1_SIGNATURES.contains(certificate.getSigAlgOID())) {
                warnings.add("The certificate for " + LeafCertificate.of(certificate).commonName() + " is signed "
                        + "with SHA-1, which browsers no longer accept. Have it issued again with SHA-256.");
            }
        }
        if ("Ed25519".equals(leaf.keyAlgorithm())) {
            warnings.add("The certificate for " + leaf.commonName() + " has an Ed25519 key, which browsers do not "
                    + "support: they cannot connect with it. Other TLS clients may; for browsers, use an EC P-256 or "
                    + "RSA key.");
        }
        return new ImportedCertificate(leaf, chain, key, warnings);
    }

    /** The refusal of a chain of more than {@link #MAX_CHAIN_CERTIFICATES}. */
    static BadInputException chainTooLong(String field, String what, long count) {
        return new BadInputException(field, "The " + what + " holds " + count + " certificates; certgate takes "
                + "at most " + MAX_CHAIN_CERTIFICATES + " (the certificate, its intermediates and a root). Give only "
                + "the chain of this certificate.");
    }

    /**
     * An RSA key over {@link #RSA_MAX_BITS} is refused before it signs anything (matching a key to its certificate
     * signs once; a 16 384-bit key takes about a second per signature). Named after the certificate with the same
     * modulus when there is one.
     */
    private static void refuseOversizedKeyBeforeSigning(PrivateKey key, List<X509Certificate> given)
            throws WeakLeafKeyException {
        if (!(key instanceof RSAKey rsa) || rsa.getModulus().bitLength() <= RSA_MAX_BITS) {
            return;
        }
        String name = "its private key";
        for (X509Certificate certificate : given) {
            if (certificate.getPublicKey() instanceof RSAPublicKey candidate
                    && candidate.getModulus().equals(rsa.getModulus())) {
                name = LeafCertificate.of(certificate).commonName();
                break;
            }
        }
        throw WeakLeafKeyException.rsaTooLarge(name, rsa.getModulus().bitLength(), RSA_MAX_BITS);
    }

    private static void checkKey(LeafCertificate leaf) throws WeakLeafKeyException {
        PublicKey key = leaf.certificate().getPublicKey();
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < RSA_MIN_BITS) {
                throw WeakLeafKeyException.rsaTooSmall(leaf.commonName(), bits, RSA_MIN_BITS);
            }
            if (bits > RSA_MAX_BITS) {
                throw WeakLeafKeyException.rsaTooLarge(leaf.commonName(), bits, RSA_MAX_BITS);
            }
        } else if (key instanceof ECPublicKey ec) {
            ASN1Encodable parameters = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm()
                    .getParameters();
            if (!(parameters instanceof ASN1ObjectIdentifier curve) || !CURVES.contains(curve)) {
                throw WeakLeafKeyException.unsupportedCurve(leaf.commonName(), curveName(parameters),
                        ec.getParams().getCurve().getField().getFieldSize());
            }
        }
    }

    private static String curveName(ASN1Encodable parameters) {
        if (!(parameters instanceof ASN1ObjectIdentifier oid)) {
            return "given by explicit parameters";
        }
        String nist = NISTNamedCurves.getName(oid);
        String any = nist != null ? nist : ECNamedCurveTable.getName(oid);
        return any != null ? any : oid.getId();
    }

    private static boolean selfSigned(X509Certificate certificate) {
        return CertificateDetails.selfSigned(certificate);
    }

    static X509Certificate issuerOf(X509Certificate certificate, List<X509Certificate> candidates) {
        for (X509Certificate candidate : candidates) {
            if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                    && signedBy(certificate, candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // another key, or a signature algorithm the JDK cannot check: not linked
        }
    }

    private static boolean inGivenOrder(List<X509Certificate> chain, List<X509Certificate> given) {
        int previous = -1;
        for (X509Certificate certificate : chain) {
            int index = given.indexOf(certificate);
            if (index < previous) {
                return false;
            }
            previous = index;
        }
        return true;
    }
}
