package dev.certgate.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate chain with its private key, checked: the key belongs to the leaf and the leaf is valid now.
 *
 * @param leaf  the server certificate, described
 * @param chain the chain, leaf first
 * @param key   the leaf's private key (the caller must seal it before it is stored)
 */
public record ImportedCertificate(LeafCertificate leaf, List<X509Certificate> chain, PrivateKey key) {

    public ImportedCertificate {
        Objects.requireNonNull(leaf, "leaf");
        chain = List.copyOf(chain);
        Objects.requireNonNull(key, "key");
    }

    /** The public chain as PEM, leaf first. */
    public String chainPem() {
        return Pem.encodeCertificates(chain);
    }
}
