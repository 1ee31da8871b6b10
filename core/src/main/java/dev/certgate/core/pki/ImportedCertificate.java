package dev.certgate.core.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate chain with its private key, checked and ready to be stored: the key belongs to the leaf and the leaf
 * is valid now. Made by an import (PEM, DER, PKCS#12) or by issuing (self-signed, local CA).
 *
 * @param leaf     the server certificate, described
 * @param chain    the chain, leaf first
 * @param key      the leaf's private key (the caller must seal it before it is stored)
 * @param warnings what the user should know but that does not stop the import, one sentence each (may be empty)
 */
public record ImportedCertificate(LeafCertificate leaf, List<X509Certificate> chain, PrivateKey key,
                                  List<String> warnings) {

    public ImportedCertificate {
        Objects.requireNonNull(leaf, "leaf");
        chain = List.copyOf(chain);
        if (chain.isEmpty() || !chain.get(0).equals(leaf.certificate())) {
            throw new IllegalArgumentException("the chain starts with the leaf");
        }
        Objects.requireNonNull(key, "key");
        warnings = List.copyOf(warnings);
    }

    /** Without warnings. */
    public static ImportedCertificate of(List<X509Certificate> chain, PrivateKey key) {
        return new ImportedCertificate(LeafCertificate.of(chain.get(0)), chain, key, List.of());
    }

    /** The public chain as PEM, leaf first. */
    public String chainPem() {
        return Pem.encodeCertificates(chain);
    }

    @Override
    public String toString() {
        return "ImportedCertificate[" + leaf.commonName() + ", chain " + chain.size() + ", warnings " + warnings
                + "]"; // never the key
    }
}
