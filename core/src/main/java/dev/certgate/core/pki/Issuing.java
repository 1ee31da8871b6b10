package dev.certgate.core.pki;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * What self-signing and the local CA share: serial numbers, validity, the extensions of a TLS server certificate and
 * the signature. Signs with the JDK's providers (no provider is installed or passed) and hands back the JDK's own
 * {@link X509Certificate}.
 */
final class Issuing {

    /** How far back notBefore is set, so a client whose clock is a little behind accepts a new certificate. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SERIAL_BYTES = 16;

    private Issuing() {
    }

    /**
     * A random positive serial number of exactly 16 bytes (127 bits, 126 of them random): the top bit is cleared so
     * it is positive, the next one set so it is never zero and always encodes in 16 bytes. CA/Browser Forum rules ask
     * for at least 64 random bits.
     */
    static BigInteger serial() {
        byte[] bytes = new byte[SERIAL_BYTES];
        RANDOM.nextBytes(bytes);
        bytes[0] = (byte) ((bytes[0] & 0x7F) | 0x40);
        return new BigInteger(1, bytes);
    }

    /** The start of validity for a certificate issued at {@code now}: whole seconds, {@link #CLOCK_SKEW} earlier. */
    static Instant notBefore(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).minus(CLOCK_SKEW);
    }

    /**
     * The last second of a validity of {@code days} from {@code notBefore}. RFC 5280 counts both ends, so the
     * certificate is valid for exactly that many days (what Apple's 825-day rule measures).
     */
    static Instant notAfter(Instant notBefore, int days) {
        return notBefore.plus(Duration.ofDays(days)).minusSeconds(1);
    }

    /** CN=name, as the subject of a server certificate. */
    static X500Name commonNameOnly(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    /**
     * A TLS server certificate for the request's names and public key.
     *
     * @param issuer    the issuer's subject (the request's own subject when self-signed)
     * @param authority the issuer's key identifier
     * @param signer    the issuer's private key, which signs
     * @param signature the JCA signature algorithm
     */
    static X509Certificate leaf(CertificateRequest request, PublicKey publicKey, Instant notBefore, Instant notAfter,
                                X500Name issuer, AuthorityKeyIdentifier authority, PrivateKey signer,
                                String signature) {
        List<GeneralName> names = new ArrayList<>();
        for (String dnsName : request.dnsNames()) {
            names.add(new GeneralName(GeneralName.dNSName, dnsName));
        }
        for (InetAddress address : request.ipAddresses()) {
            names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(address.getAddress())));
        }
        int usage = KeyUsage.digitalSignature | (request.keySpec().isRsa() ? KeyUsage.keyEncipherment : 0);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(notBefore),
                Date.from(notAfter), commonNameOnly(request.commonName()), publicKey);
        add(builder, Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
        add(builder, Extension.keyUsage, true, new KeyUsage(usage));
        add(builder, Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        add(builder, Extension.basicConstraints, true, new BasicConstraints(false));
        add(builder, Extension.subjectKeyIdentifier, false, subjectKeyIdentifier(publicKey));
        add(builder, Extension.authorityKeyIdentifier, false, authority);
        return sign(builder, signer, signature);
    }

    /**
     * The authority key identifier naming a certificate by its subject key identifier alone (no issuer name and
     * serial, so a re-issued root with the same key still matches).
     */
    static AuthorityKeyIdentifier authorityKeyIdentifier(SubjectKeyIdentifier issuer) {
        return new AuthorityKeyIdentifier(issuer.getKeyIdentifier());
    }

    /** The subject key identifier of a public key: SHA-1 of its bits (RFC 5280, method 1), as openssl makes it. */
    static SubjectKeyIdentifier subjectKeyIdentifier(PublicKey publicKey) {
        return extensionUtils().createSubjectKeyIdentifier(publicKey);
    }

    private static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-1 for key identifiers", e);
        }
    }

    static void add(X509v3CertificateBuilder builder, ASN1ObjectIdentifier oid,
                    boolean critical, ASN1Encodable value) {
        try {
            builder.addExtension(oid, critical, value);
        } catch (CertIOException e) {
            throw new IllegalStateException("extension " + oid + " could not be encoded", e);
        }
    }

    static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key, String signature) {
        try {
            // No provider: the JDK's signature and certificate factory, so nothing depends on Bouncy Castle's
            // provider being installed (it never is).
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signature).build(key)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a certificate with " + signature, e);
        }
    }
}
