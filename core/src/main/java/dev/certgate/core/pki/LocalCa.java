package dev.certgate.core.pki;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * The installation's own certificate authority: a root certificate and its private key. It issues TLS server
 * certificates for the names its root permits ({@link #permittedNames()}, a NameConstraints extension chosen when it
 * is made; none: any name), so a browser that trusts the root once (the user imports {@link #rootPem()}) trusts
 * every certificate issued here, and a verifier that reads the root's constraints trusts none outside them. It never
 * issues a wildcard over a public suffix or a single label ({@code *.com}, {@code *.co.uk}, {@code *.test}). The key must be sealed by the vault before it is stored; {@link #toString()} never
 * shows it. Immutable.
 */
public final class LocalCa {

    /** The organisation in the root's subject, so users recognise it in their trust store. */
    public static final String ORGANISATION = "certgate";
    /** How long a root is valid. Leaf certificates never outlive it. */
    public static final int ROOT_VALIDITY_YEARS = 10;

    private static final KeySpec ROOT_KEY = KeySpec.EC_P384;
    private static final int KEY_CERT_SIGN = 5;
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final X509Certificate root;
    private final PrivateKey key;
    private final String signatureAlgorithm;
    private final SubjectKeyIdentifier rootKeyIdentifier;

    private LocalCa(X509Certificate root, PrivateKey key) {
        this.root = root;
        this.key = key;
        this.signatureAlgorithm = switch (Keys.algorithm(key)) {
            case "EC" -> "SHA384withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("a local CA key must be EC or RSA, not "
                    + Keys.algorithm(key));
        };
        byte[] extension = root.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        this.rootKeyIdentifier = extension != null
                ? SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
                : Issuing.subjectKeyIdentifier(root.getPublicKey());
    }

    /**
     * A new root: an EC P-384 key, subject {@code CN=<name>, O=certgate}, self-signed with SHA-384, basic
     * constraints CA:true with path length 0 (it signs server certificates only, no intermediate CA), key usage
     * keyCertSign and cRLSign, a subject key identifier, valid from five minutes before {@code now} for
     * {@value #ROOT_VALIDITY_YEARS} years.
     *
     * @param name the CN, unique to the installation so that two installations' roots are told apart in a trust
     *             store, for example {@code "certgate local CA 3f2a..."}; 1 to 64 characters
     * @throws IllegalArgumentException when the name is blank or longer than 64 characters
     */
    public static LocalCa createRoot(String name, Instant now) {
        return createRoot(name, now, PermittedNames.none());
    }

    /**
     * As {@link #createRoot(String, Instant)}, and the root carries {@code permitted} as a critical NameConstraints
     * extension (none: no extension), so that verifiers refuse any certificate outside it, whoever signed it with
     * this key.
     */
    public static LocalCa createRoot(String name, Instant now, PermittedNames permitted) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(permitted, "permitted");
        String cn = name.strip();
        if (cn.isEmpty() || cn.length() > CertificateRequest.MAX_COMMON_NAME_LENGTH) {
            throw new IllegalArgumentException("a local CA's name has 1 to "
                    + CertificateRequest.MAX_COMMON_NAME_LENGTH + " characters, not " + cn.length());
        }
        KeyPair keys = ROOT_KEY.generate();
        // Most significant first, as X.500 encodes it; shown as "CN=<name>, O=certgate".
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, ORGANISATION)
                .addRDN(BCStyle.CN, cn)
                .build();
        Instant notBefore = Issuing.notBefore(now);
        Instant notAfter = notBefore.atOffset(ZoneOffset.UTC).plusYears(ROOT_VALIDITY_YEARS).toInstant()
                .minusSeconds(1);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, Issuing.serial(),
                Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
        Issuing.add(builder, Extension.basicConstraints, true, new BasicConstraints(0));
        Issuing.add(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        Issuing.add(builder, Extension.subjectKeyIdentifier, false, Issuing.subjectKeyIdentifier(keys.getPublic()));
        if (!permitted.isNone()) {
            Issuing.add(builder, Extension.nameConstraints, true, permitted.extension());
        }
        X509Certificate root = Issuing.sign(builder, keys.getPrivate(), ROOT_KEY.signatureAlgorithm());
        return new LocalCa(root, keys.getPrivate());
    }

    /**
     * The local CA as stored: its root certificate and the root's private key (opened by the vault).
     *
     * @throws IllegalArgumentException when the certificate is not a CA allowed to sign certificates, or the key is
     *                                  not the root's, or neither EC nor RSA
     */
    public static LocalCa of(X509Certificate root, PrivateKey key) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(key, "key");
        if (root.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("the certificate " + root.getSubjectX500Principal().getName()
                    + " is not a CA certificate (basic constraints CA:true is missing)");
        }
        boolean[] usage = root.getKeyUsage();
        if (usage != null && (usage.length <= KEY_CERT_SIGN || !usage[KEY_CERT_SIGN])) {
            throw new IllegalArgumentException("the certificate " + root.getSubjectX500Principal().getName()
                    + " may not sign certificates (key usage keyCertSign is missing)");
        }
        if (!Keys.matches(key, root.getPublicKey())) {
            throw new IllegalArgumentException("the private key does not belong to the certificate "
                    + root.getSubjectX500Principal().getName());
        }
        return new LocalCa(root, key);
    }

    /** The root certificate: what browsers must trust. */
    public X509Certificate root() {
        return root;
    }

    /** The root's private key, for the vault to seal. Never show or log it. */
    public PrivateKey key() {
        return key;
    }

    /** The names this CA may issue for, as its root's NameConstraints extension says; none: any name. */
    public PermittedNames permittedNames() {
        return PermittedNames.of(root);
    }

    /** The root certificate as PEM, for users to download and import as a trusted authority. */
    public String rootPem() {
        return Pem.encodeCertificates(List.of(root));
    }

    /** The root certificate in DER (a {@code .crt} / {@code .cer} file), which some trust stores want. */
    public byte[] rootDer() {
        try {
            return root.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate could not be encoded again", e);
        }
    }

    /** The end of the root's validity: the CA issues nothing valid after it. */
    public Instant notAfter() {
        return root.getNotAfter().toInstant();
    }

    /**
     * A new key and a TLS server certificate for it, signed by the root: the same names and extensions as
     * {@link SelfSigned#issue}, issuer the root, authority key identifier the root's subject key identifier. It is
     * valid from five minutes before {@code now} for the requested days, but never beyond the root: then it ends with
     * the root, and the result carries a warning saying so.
     *
     * @return the chain [certificate, root] and the new private key, which the caller must seal
     * @throws LocalCaNotValidException  when the root is not valid at {@code now} (expired, or the clock is wrong)
     * @throws NameNotPermittedException when a name is outside {@link #permittedNames()}, or a wildcard over a
     *                                   public suffix or a single label; checked before any key is made
     */
    public ImportedCertificate issue(CertificateRequest request, Instant now)
            throws LocalCaNotValidException, NameNotPermittedException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(now, "now");
        checkNames(request);
        Instant rootNotBefore = root.getNotBefore().toInstant();
        Instant rootNotAfter = notAfter();
        if (now.isAfter(rootNotAfter)) {
            throw new LocalCaNotValidException("The local CA's root certificate expired on " + DATE.format(rootNotAfter)
                    + ". Create a new local CA and import its root certificate into the browsers again.");
        }
        if (now.isBefore(rootNotBefore)) {
            throw new LocalCaNotValidException("The local CA's root certificate is valid only from "
                    + DATE.format(rootNotBefore) + ". Check the server's clock.");
        }
        KeyPair keys = request.keySpec().generate();
        Instant notBefore = Issuing.notBefore(now);
        if (notBefore.isBefore(rootNotBefore)) {
            notBefore = rootNotBefore;
        }
        Instant notAfter = Issuing.notAfter(notBefore, request.validityDays());
        List<String> warnings = List.of();
        if (notAfter.isAfter(rootNotAfter)) {
            notAfter = rootNotAfter;
            warnings = List.of("The certificate is valid only until " + DATE.format(rootNotAfter) + ", when the "
                    + "local CA's root certificate expires.");
        }
        X509Certificate leaf = Issuing.leaf(request, keys.getPublic(), notBefore, notAfter,
                X500Name.getInstance(root.getSubjectX500Principal().getEncoded()),
                Issuing.authorityKeyIdentifier(rootKeyIdentifier), key, signatureAlgorithm);
        return new ImportedCertificate(LeafCertificate.of(leaf), List.of(leaf, root), keys.getPrivate(), warnings);
    }

    /** Refuses, before anything is signed, a name this CA must not issue for. */
    private void checkNames(CertificateRequest request) throws NameNotPermittedException {
        PermittedNames permitted = permittedNames();
        for (String name : request.dnsNames()) {
            String field = name.equals(request.commonName()) ? CertificateRequest.COMMON_NAME
                    : CertificateRequest.SUBJECT_ALT_NAMES;
            if (name.startsWith("*.")) {
                String parent = name.substring(2);
                if (parent.indexOf('.') < 0) {
                    throw new NameNotPermittedException(field, "The local CA does not issue " + name + ": a wildcard "
                            + "over the single label " + parent + " would cover every name under it. Name the "
                            + "hosts, or a wildcard under a domain of your own, such as *.intranet.example.com.");
                }
                if (PublicSuffixes.isPublicSuffix(parent)) {
                    throw new NameNotPermittedException(field, "The local CA does not issue " + name + ": " + parent
                            + " is a public suffix (anyone can register a name under it), so the wildcard would "
                            + "cover other people's domains. Name the hosts, or a wildcard under a domain of your own.");
                }
            }
            if (!permitted.permits(name)) {
                throw new NameNotPermittedException(field, "The local CA may issue only for "
                        + String.join(", ", permitted.domains()) + " and the names under them, not for " + name
                        + " (its permitted names, fixed when it was created).");
            }
        }
        if (!request.ipAddresses().isEmpty() && !permitted.permitsIpAddresses()) {
            throw new NameNotPermittedException(CertificateRequest.SUBJECT_ALT_NAMES, "The local CA may not issue "
                    + "for the IP address " + CertificateRequest.text(request.ipAddresses().get(0)) + ": a local CA "
                    + "with permitted names issues for host names under them only.");
        }
    }

    @Override
    public String toString() {
        return "LocalCa[" + root.getSubjectX500Principal().getName() + ", until " + DATE.format(notAfter())
                + "]"; // never the key
    }
}
