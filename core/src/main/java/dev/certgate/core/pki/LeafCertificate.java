package dev.certgate.core.pki;

import dev.certgate.api.HostName;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a leaf (server) certificate says about itself, read once: the names it serves, who issued it, when it is
 * valid, its fingerprint. Immutable.
 */
public final class LeafCertificate {

    private static final int DNS_NAME = 2;

    private final X509Certificate certificate;
    private final String commonName;
    private final List<String> dnsNames;
    private final String fingerprintSha256;

    private LeafCertificate(X509Certificate certificate) {
        this.certificate = certificate;
        this.dnsNames = readDnsNames(certificate);
        String cn = readCommonName(certificate);
        this.commonName = cn != null ? cn
                : !dnsNames.isEmpty() ? dnsNames.get(0)
                : certificate.getSubjectX500Principal().getName();
        this.fingerprintSha256 = sha256(certificate);
    }

    /** Describes a certificate. */
    public static LeafCertificate of(X509Certificate certificate) {
        return new LeafCertificate(Objects.requireNonNull(certificate, "certificate"));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The subject's CN; else its first DNS name; else its whole subject. */
    public String commonName() {
        return commonName;
    }

    /**
     * The host names it serves, lower case, in order: its DNS subject alternative names, or, for an old certificate
     * without them, its CN when that is a host name.
     */
    public List<String> hostNames() {
        return hostNames(dnsNames, commonName);
    }

    /**
     * {@link #hostNames()} of a certificate, without the rest of this class's reading (no fingerprint): for the
     * gateway, which needs only the names of every stored certificate at start.
     */
    public static List<String> hostNamesOf(X509Certificate certificate) {
        List<String> dns = readDnsNames(Objects.requireNonNull(certificate, "certificate"));
        return dns.isEmpty() ? hostNames(dns, readCommonName(certificate)) : dns;
    }

    private static List<String> hostNames(List<String> dnsNames, String commonName) {
        if (!dnsNames.isEmpty()) {
            return dnsNames;
        }
        if (commonName == null) {
            return List.of();
        }
        HostName cn = HostName.read(commonName).name(); // a CN that is no host name (a person, a company) names none
        return cn == null ? List.of() : List.of(cn.toString());
    }

    public String issuer() {
        return certificate.getIssuerX500Principal().getName();
    }

    public String serialNumberHex() {
        return certificate.getSerialNumber().toString(16);
    }

    public Instant notBefore() {
        return certificate.getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    /** SHA-256 of the DER encoding, lower-case hex without separators. */
    public String fingerprintSha256() {
        return fingerprintSha256;
    }

    /** "RSA", "EC" or "Ed25519". */
    public String keyAlgorithm() {
        return Keys.algorithm(certificate.getPublicKey());
    }

    private static String readCommonName(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] cns = subject.getRDNs(BCStyle.CN);
        if (cns.length == 0) {
            return null;
        }
        ASN1Encodable value = cns[0].getFirst().getValue();
        try {
            return IETFUtils.valueToString(value);
        } catch (RuntimeException e) {
            // a UTF8String whose bytes are not UTF-8 (Bouncy Castle: "Invalid UTF-8 input"): shown escaped
            return DirectoryStrings.escaped(value);
        }
    }

    private static List<String> readDnsNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    if (entry.size() >= 2 && entry.get(0) instanceof Integer type && type == DNS_NAME
                            && entry.get(1) instanceof String name) {
                        // as HostName writes it when it is one (IA5 text: ASCII, so only the case and a trailing
                        // dot); a name it refuses (an underscore) is kept as written, for display: no lookup finds it
                        HostName host = HostName.read(name).name();
                        String lower = host != null ? host.toString() : name.toLowerCase(Locale.ROOT);
                        if (!names.contains(lower)) {
                            names.add(lower);
                        }
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // an unreadable SAN extension: the certificate then serves no DNS name from it
        }
        return List.copyOf(names);
    }

    private static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("SHA-256 of a parsed certificate", e);
        }
    }
}
