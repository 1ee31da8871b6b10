package dev.certgate.core.pki;

import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Facts about a certificate that lists show beside its names: key size, IP SANs, whether it signed itself, and
 * where its revocation is published (CRL distribution points, OCSP responders).
 */
public final class CertificateDetails {

    private static final int IP_ADDRESS = 7;

    private CertificateDetails() {
    }

    /** Key size in bits: the RSA modulus, the EC field size, 255 for Ed25519. */
    public static int keySize(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        return switch (Keys.algorithm(key)) {
            case "Ed25519" -> 255;
            case "Ed448" -> 448;
            default -> 0;
        };
    }

    /** The IP address SANs, as the JDK writes them. */
    public static List<String> ipAddresses(X509Certificate certificate) {
        List<String> addresses = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    if (entry.size() >= 2 && entry.get(0) instanceof Integer type && type == IP_ADDRESS
                            && entry.get(1) instanceof String address) {
                        addresses.add(address);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // an unreadable SAN extension names no address
        }
        return List.copyOf(addresses);
    }

    /** Whether the certificate names itself as issuer and its own key verifies its signature. */
    public static boolean selfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * The URLs of the certificate's CRL Distribution Points (RFC 5280 §4.2.1.13): each full name that is a URI, in
     * order; empty when it has none (or the extension cannot be read). Let's Encrypt's certificates name one since
     * its OCSP service ended (2025).
     */
    public static List<String> crlDistributionPoints(X509Certificate certificate) {
        List<String> urls = new ArrayList<>();
        ASN1Primitive value = extension(certificate, Extension.cRLDistributionPoints.getId());
        if (value == null) {
            return List.of();
        }
        try {
            for (DistributionPoint point : CRLDistPoint.getInstance(value).getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                        uri(general).ifPresent(urls::add);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            return List.of(); // a malformed extension names no point
        }
        return List.copyOf(urls);
    }

    /**
     * The OCSP responders the certificate names in its Authority Information Access (RFC 5280 §4.2.2.1), in order;
     * empty when it names none (then the gateway staples nothing for it and asks no responder).
     */
    public static List<String> ocspResponders(X509Certificate certificate) {
        List<String> urls = new ArrayList<>();
        ASN1Primitive value = extension(certificate, Extension.authorityInfoAccess.getId());
        if (value == null) {
            return List.of();
        }
        try {
            for (AccessDescription description : AuthorityInformationAccess.getInstance(value)
                    .getAccessDescriptions()) {
                if (AccessDescription.id_ad_ocsp.equals(description.getAccessMethod())) {
                    uri(description.getAccessLocation()).ifPresent(urls::add);
                }
            }
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        return List.copyOf(urls);
    }

    private static java.util.Optional<String> uri(GeneralName name) {
        if (name.getTagNo() == GeneralName.uniformResourceIdentifier
                && name.getName() instanceof ASN1IA5String text) {
            return java.util.Optional.of(text.getString());
        }
        return java.util.Optional.empty();
    }

    /** The DER value of a non-critical or critical extension, parsed; null when absent or unreadable. */
    private static ASN1Primitive extension(X509Certificate certificate, String oid) {
        byte[] wrapped = certificate.getExtensionValue(oid);
        if (wrapped == null) {
            return null;
        }
        try {
            return ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(wrapped).getOctets());
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
