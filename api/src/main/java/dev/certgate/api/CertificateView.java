package dev.certgate.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored certificate as callers see it. Never carries a private key.
 *
 * @param id                the certificate's id
 * @param commonName        the subject's common name
 * @param subjectAltNames   the DNS names it is valid for
 * @param issuer            the issuer's distinguished name
 * @param serialNumber      serial number, hex
 * @param notBefore         start of validity
 * @param notAfter          end of validity
 * @param fingerprintSha256 SHA-256 of the DER encoding, hex
 * @param keyAlgorithm      "RSA", "EC" or "Ed25519"
 */
public record CertificateView(String id, String commonName, List<String> subjectAltNames, String issuer,
                              String serialNumber, Instant notBefore, Instant notAfter, String fingerprintSha256,
                              String keyAlgorithm) implements Serializable {

    public CertificateView {
        Objects.requireNonNull(id, "id");
        subjectAltNames = List.copyOf(subjectAltNames);
    }
}
