package dev.certgate.gateway;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A certificate ready to be served: its chain, its opened private key (in memory only) and the host names it
 * serves.
 *
 * @param alias     the key manager's alias for it (the certificate's id)
 * @param chain     leaf first
 * @param key       the leaf's private key
 * @param hostNames lower-case host names, exact or one-label wildcards ({@code *.example.com})
 */
public record ServedCertificate(String alias, List<X509Certificate> chain, PrivateKey key, List<String> hostNames) {

    public ServedCertificate {
        Objects.requireNonNull(alias, "alias");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a served certificate has a chain");
        }
        Objects.requireNonNull(key, "key");
        hostNames = List.copyOf(hostNames);
    }

    /** "RSA", "EC" or "Ed25519": the key type JSSE asks for. */
    public String keyAlgorithm() {
        String algorithm = chain.get(0).getPublicKey().getAlgorithm();
        return "EdDSA".equals(algorithm) ? "Ed25519" : algorithm;
    }

    Instant notAfter() {
        return chain.get(0).getNotAfter().toInstant();
    }

    @Override
    public String toString() {
        return "ServedCertificate[" + alias + " " + hostNames + "]"; // never the key
    }
}
