package dev.certgate.core.pki;

import dev.certgate.core.CoreException;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Checks a pasted certificate chain and private key before anything is stored: both readable, the key belongs to a
 * certificate of the chain (that one becomes the leaf), the leaf's key is strong enough and the leaf has not
 * expired. The chain is put in order leaf to root; what does not stop the import (reordered chain, missing
 * intermediate, certificates left out, not yet valid, SHA-1, Ed25519) comes back as warnings. For DER and PKCS#12
 * uploads see {@link CertificateImport}.
 */
public final class PemImport {

    private PemImport() {
    }

    /**
     * Same as {@link #parse(String, String, char[], Instant)} for an unencrypted key.
     */
    public static ImportedCertificate parse(String chainPem, String privateKeyPem, Instant now)
            throws CoreException {
        return parse(chainPem, privateKeyPem, null, now);
    }

    /**
     * @param chainPem      PEM certificates, leaf first (any other order is put right, with a warning); at most
     *                      {@link Pem#MAX_TEXT_CHARS} characters
     * @param privateKeyPem the leaf's private key as PEM: PKCS#8, PKCS#1, SEC1, encrypted PKCS#8 or legacy encrypted
     *                      PEM; at most {@link Pem#MAX_TEXT_CHARS} characters
     * @param passphrase    the key's passphrase, or null (or empty) when the key is not encrypted
     * @param now           the instant to judge validity against
     * @throws CoreException one of {@code BadInputException} (with its subclasses
     *                       {@code OversizedInputException}, {@code WrongSecretException}),
     *                       {@code UnmatchedKeyException}, {@code WeakLeafKeyException},
     *                       {@code ExpiredLeafException}, each with a message for the user
     */
    public static ImportedCertificate parse(String chainPem, String privateKeyPem, char[] passphrase, Instant now)
            throws CoreException {
        Objects.requireNonNull(now, "now");
        List<X509Certificate> chain = Pem.readCertificates(chainPem);
        PrivateKey key = Pem.readPrivateKey(privateKeyPem, passphrase);
        return ImportChecks.check(chain, key, now);
    }
}
