package dev.certgate.core.pki;

import dev.certgate.core.BadInputException;
import dev.certgate.core.OversizedInputException;
import dev.certgate.core.WrongSecretException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes PEM text. Each failure names the input ({@link #CERTIFICATE} or {@link #PRIVATE_KEY}) and says
 * what to do. Keys come back as the JDK's own key objects, so JSSE can use them directly.
 */
public final class Pem {

    /** The name of the certificate chain input in messages and in {@link BadInputException#field()}. */
    public static final String CERTIFICATE = "certificate";
    /** The name of the private key input. */
    public static final String PRIVATE_KEY = "privateKey";
    /** The name of the input holding the private key's passphrase. */
    public static final String PASSPHRASE = "passphrase";

    /**
     * The longest PEM text taken for one input, in characters (PEM is ASCII, so also bytes): 256 KiB. A chain of
     * four RSA 8192 certificates is about 8 KiB; anything near the limit is the wrong file, refused before parsing.
     */
    public static final int MAX_TEXT_CHARS = 256 * 1024;

    private static final int LINE = 64;

    /** Decrypts keys only; never installed as a global provider (see package-info). */
    private static final Provider BC = new BouncyCastleProvider();

    private Pem() {
    }

    /**
     * Reads every certificate of a PEM text, in the order given. Other PEM blocks (keys, parameters) are ignored.
     *
     * @throws BadInputException when the text is blank, too large ({@link OversizedInputException}), not PEM,
     *                           damaged, or has no certificate
     */
    public static List<X509Certificate> readCertificates(String pem) throws BadInputException {
        if (pem == null || pem.isBlank()) {
            throw new BadInputException(CERTIFICATE, "The certificate chain is empty. Paste the PEM text that "
                    + "begins with -----BEGIN CERTIFICATE-----.");
        }
        if (pem.length() > MAX_TEXT_CHARS) {
            throw new OversizedInputException(CERTIFICATE, "certificate chain", pem.length(), MAX_TEXT_CHARS);
        }
        List<Object> objects = parse(pem, CERTIFICATE, "certificate chain", "-----BEGIN CERTIFICATE-----");
        long count = objects.stream().filter(X509CertificateHolder.class::isInstance).count();
        if (count > ImportChecks.MAX_CHAIN_CERTIFICATES) {
            throw ImportChecks.chainTooLong(CERTIFICATE, "certificate chain", count);
        }
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object o : objects) {
            if (o instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new BadInputException(CERTIFICATE, "A certificate in the chain could not be read: "
                            + "it is not a valid X.509 certificate.", e);
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new BadInputException(CERTIFICATE, "The certificate chain field holds no certificate (it holds "
                    + describe(objects) + "). Paste the certificate there and the key in the private key field.");
        }
        return List.copyOf(certificates);
    }

    /**
     * Reads the one unencrypted private key of a PEM text: PKCS#8 ({@code PRIVATE KEY}), PKCS#1
     * ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}, with or without its {@code EC PARAMETERS} block).
     * An encrypted key is refused with a message asking for its passphrase.
     *
     * @throws BadInputException when the text is blank, too large, not PEM, damaged, encrypted, or has no key
     *                           or two
     */
    public static PrivateKey readPrivateKey(String pem) throws BadInputException {
        return readPrivateKey(pem, null);
    }

    /**
     * Reads the one private key of a PEM text, as {@link #readPrivateKey(String)} does, and also an encrypted key:
     * encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}, PBES1 or PBES2) or a legacy OpenSSL encrypted PKCS#1/SEC1 key
     * ({@code Proc-Type: 4,ENCRYPTED}).
     *
     * @param passphrase the key's passphrase; null or empty when the key is not encrypted (it is then ignored for an
     *                   unencrypted key). Not kept; the caller may clear it afterwards.
     * @throws WrongSecretException when the passphrase does not decrypt the key (field {@link #PASSPHRASE})
     * @throws BadInputException when the text is blank, too large, not PEM, damaged, encrypted while no
     *                           passphrase is given (field {@link #PASSPHRASE}), or has no key or two
     */
    public static PrivateKey readPrivateKey(String pem, char[] passphrase) throws BadInputException {
        if (pem == null || pem.isBlank()) {
            throw new BadInputException(PRIVATE_KEY, "The private key is empty. Paste the PEM text that begins "
                    + "with -----BEGIN PRIVATE KEY-----.");
        }
        if (pem.length() > MAX_TEXT_CHARS) {
            throw new OversizedInputException(PRIVATE_KEY, "private key", pem.length(), MAX_TEXT_CHARS);
        }
        List<Object> objects = parse(pem, PRIVATE_KEY, "private key", "-----BEGIN PRIVATE KEY-----");
        List<Object> keys = new ArrayList<>();
        for (Object o : objects) {
            if (o instanceof PEMKeyPair || o instanceof PrivateKeyInfo || o instanceof PKCS8EncryptedPrivateKeyInfo
                    || o instanceof PEMEncryptedKeyPair) {
                keys.add(o);
            }
        }
        if (keys.isEmpty()) {
            throw new BadInputException(PRIVATE_KEY, "The private key field holds no private key (it holds "
                    + describe(objects) + "). Paste the key that begins with -----BEGIN PRIVATE KEY-----.");
        }
        if (keys.size() > 1) {
            throw new BadInputException(PRIVATE_KEY, "The private key field holds " + keys.size()
                    + " private keys. Paste only the key of this certificate.");
        }
        Object key = keys.get(0);
        if (key instanceof PEMKeyPair pair) {
            return toPrivateKey(pair.getPrivateKeyInfo());
        } else if (key instanceof PrivateKeyInfo info) {
            return toPrivateKey(info);
        }
        if (passphrase == null || passphrase.length == 0) {
            throw new BadInputException(PASSPHRASE, "The private key is encrypted. Enter its passphrase in the "
                    + "passphrase field.");
        }
        return toPrivateKey(decrypt(key, passphrase));
    }

    private static PrivateKeyInfo decrypt(Object encrypted, char[] passphrase) throws BadInputException {
        if (encrypted instanceof PKCS8EncryptedPrivateKeyInfo pkcs8) {
            KdfCost.checkEncryptedKey(pkcs8.getEncryptionAlgorithm(), PASSPHRASE);
            InputDecryptorProvider decryptors;
            try {
                decryptors = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(passphrase);
                // fails here, before any passphrase is tried, when the encryption scheme is unknown
                decryptors.get(pkcs8.getEncryptionAlgorithm());
            } catch (OperatorCreationException | RuntimeException e) {
                throw new BadInputException(PRIVATE_KEY, "The private key is encrypted with a method certgate "
                        + "cannot read (" + pkcs8.getEncryptionAlgorithm().getAlgorithm() + "). Encrypt it again "
                        + "with openssl pkcs8 -topk8 -v2 aes-256-cbc, or remove the passphrase.", e);
            }
            try {
                return pkcs8.decryptPrivateKeyInfo(decryptors);
            } catch (PKCSException | RuntimeException e) {
                // a wrong passphrase shows as bad padding, or (rarely) as garbage that is not a key
                throw wrongPassphrase(e);
            }
        }
        if (encrypted instanceof PEMEncryptedKeyPair legacy) {
            try {
                return legacy.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BC).build(passphrase))
                        .getPrivateKeyInfo();
            } catch (IOException | RuntimeException e) {
                throw wrongPassphrase(e);
            }
        }
        throw new IllegalArgumentException("not an encrypted key: " + encrypted.getClass().getName());
    }

    private static WrongSecretException wrongPassphrase(Exception cause) {
        return new WrongSecretException(PASSPHRASE, "The passphrase does not open the private key. Enter the "
                + "passphrase the key was encrypted with.", cause);
    }

    /**
     * Turns a PKCS#8 encoding back into a key (used by the vault after opening a sealed key).
     *
     * @throws IllegalArgumentException when the bytes are not a PKCS#8 key of a supported type
     */
    public static PrivateKey privateKeyFromPkcs8(byte[] pkcs8) {
        Objects.requireNonNull(pkcs8, "pkcs8");
        try {
            return toPrivateKey(PrivateKeyInfo.getInstance(pkcs8));
        } catch (BadInputException | RuntimeException e) {
            throw new IllegalArgumentException("not a supported PKCS#8 private key", e);
        }
    }

    /**
     * Reads a chain that this store wrote itself ({@link #encodeCertificates}) and validated when it was imported:
     * the JDK's X.509 factory straight on the text, without the checks and conversions {@link #readCertificates}
     * applies to user input. About four times faster, which counts when the gateway opens every stored certificate
     * at start.
     *
     * @throws IllegalArgumentException when the text holds no readable certificate (a damaged row)
     */
    public static List<X509Certificate> readStoredCertificates(String pem) {
        Objects.requireNonNull(pem, "pem");
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                chain.add((X509Certificate) certificate);
            }
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("the stored chain holds no certificate");
            }
            return List.copyOf(chain);
        } catch (CertificateException | ClassCastException e) {
            throw new IllegalArgumentException("the stored chain is not readable: " + e.getMessage(), e);
        }
    }

    /** PEM text of a chain, one {@code CERTIFICATE} block per certificate, in the order given. */
    public static String encodeCertificates(List<X509Certificate> chain) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate certificate : chain) {
            try {
                block(out, "CERTIFICATE", certificate.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("a parsed certificate could not be encoded again", e);
            }
        }
        return out.toString();
    }

    /** One PEM block of {@code type} ("PRIVATE KEY", "CERTIFICATE"…) around DER bytes. */
    static String armor(String type, byte[] der) {
        StringBuilder out = new StringBuilder();
        block(out, type, der);
        return out.toString();
    }

    private static void block(StringBuilder out, String type, byte[] der) {
        String base64 = Base64.getEncoder().encodeToString(der);
        out.append("-----BEGIN ").append(type).append("-----\n");
        for (int i = 0; i < base64.length(); i += LINE) {
            out.append(base64, i, Math.min(base64.length(), i + LINE)).append('\n');
        }
        out.append("-----END ").append(type).append("-----\n");
    }

    /** A JDK key object for a PKCS#8 key, or a message naming the unsupported type or damaged parameters. */
    static PrivateKey toPrivateKey(PrivateKeyInfo info) throws BadInputException {
        ASN1ObjectIdentifier type = info.getPrivateKeyAlgorithm().getAlgorithm();
        String algorithm = PKCSObjectIdentifiers.rsaEncryption.equals(type) ? "RSA"
                : X9ObjectIdentifiers.id_ecPublicKey.equals(type) ? "EC"
                : EdECObjectIdentifiers.id_Ed25519.equals(type) ? "Ed25519"
                : null;
        if (algorithm == null) {
            throw new BadInputException(PRIVATE_KEY, "The private key's type (" + type + ") is not supported. "
                    + "Use an RSA, EC (P-256, P-384, P-521) or Ed25519 key.");
        }
        try {
            // The JDK's own key classes, whatever providers the server has installed: JSSE and the JDK's
            // signatures take them as they are.
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (IOException | GeneralSecurityException e) {
            throw new BadInputException(PRIVATE_KEY, "The private key could not be read: its " + algorithm
                    + " parameters are damaged or not supported.", e);
        }
    }

    /**
     * Every PEM block of a text, read one at a time so that a block that cannot be read is named, never skipped.
     * Before reading, the text is made plain: CRLF and CR line ends become LF and each line loses its leading and
     * trailing white space (a chain pasted from an e-mail or a wiki page is often indented). Text outside the blocks
     * (openssl's "subject=" and "Bag Attributes" lines, comments) is ignored, as openssl does.
     */
    private static List<Object> parse(String pem, String field, String what, String expectedHeader)
            throws BadInputException {
        List<PemBlock> blocks = PemBlock.split(pem);
        if (blocks.isEmpty()) {
            throw new BadInputException(field, "The " + what + " is not PEM text. Paste the text that begins "
                    + "with " + expectedHeader + ".");
        }
        List<Object> objects = new ArrayList<>();
        for (PemBlock block : blocks) {
            String problem = block.problem();
            Exception cause = null;
            if (problem == null) {
                try (PEMParser parser = new PEMParser(new StringReader(block.text()))) {
                    Object o = parser.readObject();
                    if (o != null) {
                        objects.add(o);
                        continue;
                    }
                    problem = "is damaged or cut short";
                } catch (IOException | RuntimeException e) {
                    // Bouncy Castle reports a damaged block (bad base64, bad DER, an unknown type) as IOException
                    // or as a DecoderException; neither message is for users (it stays the cause, for the log).
                    cause = e;
                    problem = e.getMessage() != null && e.getMessage().startsWith("unrecognised object")
                            ? "is of a kind certgate does not read" : "is damaged or cut short";
                }
            }
            throw new BadInputException(field, "The " + what + " could not be read: " + block.describe(blocks.size())
                    + " " + problem + ". Paste the whole text, from " + expectedHeader + " to its END line.", cause);
        }
        return objects;
    }

    private static String describe(List<Object> objects) {
        List<String> kinds = new ArrayList<>();
        for (Object o : objects) {
            String kind;
            if (o instanceof X509CertificateHolder) {
                kind = "a certificate";
            } else if (o instanceof PEMKeyPair || o instanceof PrivateKeyInfo
                    || o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
                kind = "a private key";
            } else if (o instanceof org.bouncycastle.asn1.x509.SubjectPublicKeyInfo) {
                kind = "a public key";
            } else if (o instanceof org.bouncycastle.pkcs.PKCS10CertificationRequest) {
                kind = "a certificate signing request";
            } else {
                kind = "other PEM data";
            }
            if (!kinds.contains(kind)) {
                kinds.add(kind);
            }
        }
        return String.join(" and ", kinds);
    }
}
