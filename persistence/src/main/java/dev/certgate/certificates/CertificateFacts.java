package dev.certgate.certificates;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What certgate reads from a leaf certificate and keeps beside it, so lists and the gateway need not parse PEM.
 *
 * @param commonName        the subject's CN, or the first DNS name when the subject has none
 * @param names             DNS names (lower case) the certificate is valid for; never empty
 * @param issuer            the issuer's distinguished name (RFC 2253)
 * @param serialNumber      the serial number in hex
 * @param notBefore         start of validity
 * @param notAfter          end of validity
 * @param fingerprintSha256 SHA-256 of the DER encoding, lower-case hex
 * @param keyAlgorithm      "RSA", "EC" or "Ed25519"
 */
public record CertificateFacts(String commonName, List<String> names, String issuer, String serialNumber,
                               Instant notBefore, Instant notAfter, String fingerprintSha256, String keyAlgorithm) {

    public CertificateFacts {
        Certificate.requireText(commonName, "commonName");
        names = List.copyOf(Objects.requireNonNull(names, "names"));
        Certificate.requireText(issuer, "issuer");
        Certificate.requireText(serialNumber, "serialNumber");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (notAfter.isBefore(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is before notBefore " + notBefore);
        }
        Certificate.requireText(fingerprintSha256, "fingerprintSha256");
        Certificate.requireText(keyAlgorithm, "keyAlgorithm");
    }
}
