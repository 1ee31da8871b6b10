package dev.certgate.core.pki;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Facts about a certificate that lists show beside its names: key size, IP SANs, whether it signed itself. */
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
}
