package dev.certgate.pki;

import dev.certgate.api.CertificateExpiredException;
import dev.certgate.api.CertgateException;
import dev.certgate.api.KeyMismatchException;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks a pasted certificate chain and private key before anything is stored: both readable, the key belongs to a
 * certificate of the chain (that one becomes the leaf, moved first if it was not), and the leaf has not expired.
 */
public final class PemImport {

    private PemImport() {
    }

    /**
     * @param chainPem      PEM certificates, leaf first (a leaf given later is moved first)
     * @param privateKeyPem the leaf's private key as PEM
     * @param now           the instant to judge expiry against
     * @throws CertgateException one of {@code InvalidInputException}, {@code KeyMismatchException},
     *                           {@code CertificateExpiredException}, each with a message for the user
     */
    public static ImportedCertificate parse(String chainPem, String privateKeyPem, Instant now)
            throws CertgateException {
        Objects.requireNonNull(now, "now");
        List<X509Certificate> chain = Pem.readCertificates(chainPem);
        PrivateKey key = Pem.readPrivateKey(privateKeyPem);

        int leafIndex = -1;
        for (int i = 0; i < chain.size() && leafIndex < 0; i++) {
            if (Keys.matches(key, chain.get(i).getPublicKey())) {
                leafIndex = i;
            }
        }
        if (leafIndex < 0) {
            throw new KeyMismatchException(LeafCertificate.of(chain.get(0)).commonName());
        }
        List<X509Certificate> ordered = new ArrayList<>(chain);
        X509Certificate leafCertificate = ordered.remove(leafIndex);
        ordered.add(0, leafCertificate);

        LeafCertificate leaf = LeafCertificate.of(leafCertificate);
        if (leaf.notAfter().isBefore(now)) {
            throw new CertificateExpiredException(leaf.commonName(), leaf.notAfter());
        }
        return new ImportedCertificate(leaf, ordered, key, List.of());
    }
}
