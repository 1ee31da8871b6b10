package dev.certgate.core.pki;

import dev.certgate.core.BadInputException;
import dev.certgate.core.CoreException;
import dev.certgate.core.OversizedInputException;
import dev.certgate.core.WrongSecretException;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Imports of uploaded files: a DER certificate with its private key as PEM, or a PKCS#12 (.p12, .pfx) file holding
 * the key and its chain. They make the same checks as {@link PemImport} and return the same
 * {@link ImportedCertificate}, warnings included. Uploads over {@link #MAX_BINARY_BYTES} are refused before they are
 * parsed. Nothing here is stored.
 */
public final class CertificateImport {

    /** The name of the PKCS#12 file input in messages and in {@link BadInputException#field()}. */
    public static final String PKCS12 = "pkcs12";
    /** The name of the PKCS#12 password input. */
    public static final String PASSWORD = "password";

    /**
     * The largest uploaded file taken, in bytes: 1 MiB. A PKCS#12 file with an RSA 8192 key and its chain is about
     * 8 KiB; a larger file is the wrong file.
     */
    public static final int MAX_BINARY_BYTES = 1024 * 1024;

    /** For PKCS#12 files the JDK cannot read; never installed as a global provider (see package-info). */
    private static final Provider BC = new BouncyCastleProvider();

    private CertificateImport() {
    }

    /**
     * Imports an uploaded certificate file with its private key as PEM text.
     *
     * @param certificateDer the certificate file's bytes: one X.509 certificate, DER (.der, .cer); a file holding PEM
     *                       text (.pem, .crt) is read as a PEM chain instead. At most {@link #MAX_BINARY_BYTES}.
     * @param privateKeyPem  its private key as PEM (any form {@link Pem#readPrivateKey(String, char[])} reads)
     * @param passphrase     the key's passphrase, or null (or empty) when the key is not encrypted
     * @param now            the instant to judge validity against
     * @throws CoreException as {@link PemImport#parse(String, String, char[], Instant)}; a certificate file that
     *                       is empty, too large or not a certificate is reported for field {@link Pem#CERTIFICATE}
     */
    public static ImportedCertificate fromDer(byte[] certificateDer, String privateKeyPem, char[] passphrase,
                                              Instant now) throws CoreException {
        Objects.requireNonNull(now, "now");
        if (certificateDer == null || certificateDer.length == 0) {
            throw new BadInputException(Pem.CERTIFICATE, "The certificate file is empty. Upload the certificate "
                    + "file (.der, .cer, .crt or .pem).");
        }
        if (certificateDer.length > MAX_BINARY_BYTES) {
            throw new OversizedInputException(Pem.CERTIFICATE, "certificate file", certificateDer.length,
                    MAX_BINARY_BYTES);
        }
        List<X509Certificate> chain = looksLikePem(certificateDer)
                ? Pem.readCertificates(new String(certificateDer, StandardCharsets.US_ASCII))
                : List.of(readDer(certificateDer));
        PrivateKey key = Pem.readPrivateKey(privateKeyPem, passphrase);
        return ImportChecks.check(chain, key, now);
    }

    /**
     * Imports an uploaded certificate file with its uploaded private key file.
     *
     * @param certificateFile as for {@link #fromDer}
     * @param privateKeyFile  the key file's bytes: PEM text, or DER: PKCS#8, encrypted PKCS#8, PKCS#1 (RSA) or SEC1
     *                        (EC). At most {@link Pem#MAX_TEXT_CHARS}.
     * @throws CoreException as {@link #fromDer}; a key file that is empty, too large or no key is reported for
     *                       field {@link Pem#PRIVATE_KEY}
     */
    public static ImportedCertificate fromFiles(byte[] certificateFile, byte[] privateKeyFile, char[] passphrase,
                                                Instant now) throws CoreException {
        if (privateKeyFile == null || privateKeyFile.length == 0) {
            throw new BadInputException(Pem.PRIVATE_KEY, "The private key file is empty. Upload the key file "
                    + "(.key or .pem, PEM or DER) with the certificate file.");
        }
        if (privateKeyFile.length > Pem.MAX_TEXT_CHARS) {
            throw new OversizedInputException(Pem.PRIVATE_KEY, "private key file", privateKeyFile.length,
                    Pem.MAX_TEXT_CHARS);
        }
        String keyPem = looksLikePem(privateKeyFile)
                ? new String(privateKeyFile, StandardCharsets.US_ASCII)
                : Pem.armor(derKeyLabel(privateKeyFile), privateKeyFile);
        return fromDer(certificateFile, keyPem, passphrase, now);
    }

    /** The PEM label of a DER private key: which structure it is. */
    static String derKeyLabel(byte[] der) throws BadInputException {
        try {
            org.bouncycastle.asn1.ASN1Sequence sequence = org.bouncycastle.asn1.ASN1Sequence.getInstance(
                    ASN1Primitive.fromByteArray(der));
            if (sequence.size() == 2) {
                return "ENCRYPTED PRIVATE KEY"; // EncryptedPrivateKeyInfo: algorithm, data
            }
            if (sequence.size() >= 3 && sequence.getObjectAt(1) instanceof org.bouncycastle.asn1.ASN1Sequence) {
                return "PRIVATE KEY"; // PrivateKeyInfo: version, algorithm, key
            }
            if (sequence.size() == 9 || sequence.size() == 10) {
                return "RSA PRIVATE KEY"; // RSAPrivateKey: version, n, e, d, p, q, dp, dq, qinv
            }
            return "EC PRIVATE KEY"; // ECPrivateKey: version, key, [parameters], [public key]
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(Pem.PRIVATE_KEY, "The private key file is not a key in a format certgate "
                    + "reads. Upload the key as PEM (.key, .pem) or DER (PKCS#8, PKCS#1 or SEC1).", e);
        }
    }

    /**
     * Imports a PKCS#12 (.p12, .pfx) file: its one private key entry, that entry's certificate as the leaf and the
     * entry's chain. Files made by openssl (the OpenSSL 3 default with AES-256, and {@code -legacy} with RC2/3DES)
     * and by keytool are read by the JDK; Bouncy Castle is tried only for a file the JDK cannot read.
     *
     * @param pkcs12   the file's bytes, at most {@link #MAX_BINARY_BYTES}
     * @param password its password; null is the same as empty. Not kept; the caller may clear it afterwards.
     * @param now      the instant to judge validity against
     * @throws WrongSecretException when the password does not open the file (field {@link #PASSWORD})
     * @throws CoreException as {@link PemImport#parse(String, String, char[], Instant)}, and
     *                       {@code BadInputException} for field {@link #PKCS12} when the file is
     *                       empty, too large, not PKCS#12, or holds no private key or more than one
     */
    public static ImportedCertificate fromPkcs12(byte[] pkcs12, char[] password, Instant now)
            throws CoreException {
        return fromPkcs12(pkcs12, password, now, false);
    }

    /** As {@link #fromPkcs12(byte[], char[], Instant)}; with {@code acceptExpired} an expired leaf is taken. */
    static ImportedCertificate fromPkcs12(byte[] pkcs12, char[] password, Instant now, boolean acceptExpired)
            throws CoreException {
        Objects.requireNonNull(now, "now");
        if (pkcs12 == null || pkcs12.length == 0) {
            throw new BadInputException(PKCS12, "The PKCS#12 file is empty. Upload the .p12 or .pfx file.");
        }
        if (pkcs12.length > MAX_BINARY_BYTES) {
            throw new OversizedInputException(PKCS12, "PKCS#12 file", pkcs12.length, MAX_BINARY_BYTES);
        }
        KdfCost.checkPkcs12(pkcs12, PKCS12);
        char[] secret = password == null ? new char[0] : password;
        KeyStore store;
        try {
            store = load(pkcs12, secret, null);
        } catch (UnrecoverableKeyException e) {
            throw wrongPassword(secret, e);
        } catch (IOException | GeneralSecurityException e) {
            try {
                store = load(pkcs12, secret, BC);
            } catch (UnrecoverableKeyException bcWrongPassword) {
                throw wrongPassword(secret, bcWrongPassword);
            } catch (IOException | GeneralSecurityException | RuntimeException bcFailed) {
                e.addSuppressed(bcFailed);
                throw new BadInputException(PKCS12, "The PKCS#12 file could not be read: it is not a PKCS#12 "
                        + "(.p12, .pfx) file, or it is damaged. Export it again and upload the result.", e);
            }
        }
        return fromKeyStore(store, secret, now, acceptExpired);
    }

    /**
     * Reads a PKCS#12 file with the JDK (provider null) or the given provider. A wrong password is reported as
     * {@link UnrecoverableKeyException}, whatever the provider says.
     */
    static KeyStore load(byte[] pkcs12, char[] password, Provider provider)
            throws IOException, GeneralSecurityException {
        KeyStore store = provider == null ? KeyStore.getInstance("PKCS12") : KeyStore.getInstance("PKCS12", provider);
        try {
            store.load(new ByteArrayInputStream(pkcs12), password);
        } catch (IOException e) {
            // the JDK: IOException caused by UnrecoverableKeyException; Bouncy Castle: "mac invalid - wrong password"
            if (e.getCause() instanceof UnrecoverableKeyException wrong) {
                throw wrong;
            }
            if (e.getMessage() != null && e.getMessage().contains("wrong password")) {
                UnrecoverableKeyException wrong = new UnrecoverableKeyException(e.getMessage());
                wrong.initCause(e);
                throw wrong;
            }
            throw e;
        } catch (RuntimeException e) {
            throw new IOException("unreadable PKCS#12", e); // a damaged encoding, from either provider
        }
        return store;
    }

    /** Picks the one private key entry of a loaded PKCS#12 store and checks it with its chain. */
    static ImportedCertificate fromKeyStore(KeyStore store, char[] password, Instant now, boolean acceptExpired)
            throws CoreException {
        List<String> keyAliases = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class)) {
                    keyAliases.add(alias);
                }
            }
        } catch (java.security.KeyStoreException e) {
            throw new IllegalStateException("a loaded key store", e);
        }
        if (keyAliases.isEmpty()) {
            throw new BadInputException(PKCS12, "The PKCS#12 file holds no private key, only certificates. Export "
                    + "it again with the private key, or import the certificate and its key as PEM.");
        }
        if (keyAliases.size() > 1) {
            Collections.sort(keyAliases);
            throw new BadInputException(PKCS12, "The PKCS#12 file holds " + keyAliases.size() + " private keys ("
                    + String.join(", ", keyAliases) + "). Export a file with only the key and chain of the "
                    + "certificate to import.");
        }
        String alias = keyAliases.get(0);
        Key key;
        Certificate[] chain;
        try {
            key = store.getKey(alias, password);
            chain = store.getCertificateChain(alias);
        } catch (UnrecoverableKeyException e) {
            throw wrongPassword(password, e); // a file without integrity check opens; its key does not
        } catch (GeneralSecurityException e) {
            throw new BadInputException(PKCS12, "The private key in the PKCS#12 file could not be read: it is "
                    + "encrypted with a method certgate cannot read. Export it again with the default settings of "
                    + "openssl pkcs12 -export.", e);
        }
        if (!(key instanceof PrivateKey) || key.getEncoded() == null) {
            throw new BadInputException(PKCS12, "The private key in the PKCS#12 file could not be read. Export "
                    + "it again with the default settings of openssl pkcs12 -export.");
        }
        if (chain == null || chain.length == 0) {
            throw new BadInputException(PKCS12, "The PKCS#12 file holds a private key but not its certificate. "
                    + "Export it again with the certificate.");
        }
        if (chain.length > ImportChecks.MAX_CHAIN_CERTIFICATES) {
            throw ImportChecks.chainTooLong(PKCS12, "PKCS#12 file's chain", chain.length);
        }
        // JDK key and certificate objects whatever provider read the file, as JSSE wants them
        PrivateKey jdkKey = Pem.toPrivateKey(PrivateKeyInfo.getInstance(key.getEncoded()));
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : chain) {
            try {
                certificates.add(readDer(certificate.getEncoded()));
            } catch (CertificateException e) {
                throw new BadInputException(PKCS12, "A certificate in the PKCS#12 file could not be read: it is "
                        + "not a valid X.509 certificate.", e);
            }
        }
        return ImportChecks.check(certificates, jdkKey, now, acceptExpired);
    }

    static X509Certificate readDer(byte[] der) throws BadInputException {
        try {
            // strict: one DER certificate and nothing after it
            X509CertificateHolder holder = new X509CertificateHolder(
                    org.bouncycastle.asn1.x509.Certificate.getInstance(ASN1Primitive.fromByteArray(der)));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new BadInputException(Pem.CERTIFICATE, "The certificate file is not a certificate in a format "
                    + "certgate reads. Upload the certificate as DER (.der, .cer) or PEM (.pem, .crt); for a .p12 or "
                    + ".pfx file, use the PKCS#12 import.", e);
        }
    }

    static boolean looksLikePem(byte[] bytes) {
        String start = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.ISO_8859_1);
        return start.contains("-----BEGIN ");
    }

    private static WrongSecretException wrongPassword(char[] password, Exception cause) {
        return new WrongSecretException(PASSWORD, password.length == 0
                ? "The PKCS#12 file is protected by a password. Enter it in the password field."
                : "The password does not open the PKCS#12 file. Enter the password it was exported with.", cause);
    }
}
