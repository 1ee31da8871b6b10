package dev.certgate.core.pki;

import dev.certgate.api.IpAddress;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;

/**
 * The self-signed validation certificate of an ACME TLS-ALPN-01 challenge (RFC 8737 §3): the domain as its only
 * subject alternative name and a critical {@code id-pe-acmeIdentifier} extension holding the SHA-256 of the key
 * authorization. The CA checks exactly these; nobody trusts the certificate, so its key need not be secret or kept:
 * any node makes its own from the key authorization in the challenge store.
 */
public final class TlsAlpnCertificate {

    /** {@code id-pe-acmeIdentifier} (RFC 8737 §6.1). */
    public static final ASN1ObjectIdentifier ACME_IDENTIFIER = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.31");

    /** The ALPN protocol of the challenge (RFC 8737 §6.2). */
    public static final String ALPN_PROTOCOL = "acme-tls/1";

    private static final Duration VALIDITY = Duration.ofDays(7);

    private TlsAlpnCertificate() {
    }

    /**
     * The validation certificate for {@code domain}.
     *
     * @param keys             the key pair it certifies and is signed with (RSA, which every ACME CA accepts)
     * @param domain           the ASCII (punycode) name being validated
     * @param keyAuthorization the challenge's key authorization, {@code token.thumbprint}
     */
    public static X509Certificate create(KeyPair keys, String domain, String keyAuthorization, Instant now) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(keyAuthorization, "keyAuthorization");
        Instant notBefore = Issuing.notBefore(Objects.requireNonNull(now, "now"));
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(Issuing.commonNameOnly(domain),
                Issuing.serial(), Date.from(notBefore), Date.from(notBefore.plus(VALIDITY)),
                Issuing.commonNameOnly(domain), keys.getPublic());
        Issuing.add(builder, Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, domain)));
        Issuing.add(builder, ACME_IDENTIFIER, true, new DEROctetString(sha256(keyAuthorization)));
        String signature = "RSA".equals(keys.getPrivate().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
        return Issuing.sign(builder, keys.getPrivate(), signature);
    }

    /**
     * The validation certificate for an IP-address identifier (RFC 8738 §6): the address as its only subject
     * alternative name (an iPAddress), the same critical {@code id-pe-acmeIdentifier}. The CA sends the address's
     * reverse-DNS name ({@link IpAddress#reverseDnsName()}) as the TLS server name. Not wired into the gateway yet.
     */
    public static X509Certificate create(KeyPair keys, IpAddress address, String keyAuthorization, Instant now) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(keyAuthorization, "keyAuthorization");
        Instant notBefore = Issuing.notBefore(Objects.requireNonNull(now, "now"));
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(Issuing.commonNameOnly(address.toString()),
                Issuing.serial(), Date.from(notBefore), Date.from(notBefore.plus(VALIDITY)),
                Issuing.commonNameOnly(address.toString()), keys.getPublic());
        Issuing.add(builder, Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(
                GeneralName.iPAddress, new DEROctetString(address.bytes()))));
        Issuing.add(builder, ACME_IDENTIFIER, true, new DEROctetString(sha256(keyAuthorization)));
        String signature = "RSA".equals(keys.getPrivate().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
        return Issuing.sign(builder, keys.getPrivate(), signature);
    }

    /** The value the CA expects in the extension: SHA-256 of the key authorization's ASCII bytes. */
    public static byte[] sha256(String keyAuthorization) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(keyAuthorization.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
