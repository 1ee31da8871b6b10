package dev.certgate.certificates.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What certgate reads from a certificate chain and keeps beside it, so lists and the gateway need not parse PEM.
 *
 * @param commonName        the subject's CN, or the first DNS name when the subject has none
 * @param names             DNS names (lower case) the certificate is valid for; may be empty
 * @param ipAddresses       IP address SANs, as text; may be empty
 * @param issuer            the issuer's distinguished name (RFC 2253)
 * @param serialNumber      the serial number in hex
 * @param notBefore         start of validity
 * @param notAfter          end of validity
 * @param fingerprintSha256 SHA-256 of the leaf's DER encoding, lower-case hex
 * @param keyAlgorithm      "RSA", "EC" or "Ed25519"
 * @param keySize           key size in bits (RSA modulus, EC field size, 255 for Ed25519)
 * @param selfSigned        whether the leaf is signed by its own key
 * @param chainLength       certificates in the stored chain, leaf included
 */
public record CertificateFacts(String commonName, List<String> names, List<String> ipAddresses, String issuer,
                               String serialNumber, Instant notBefore, Instant notAfter, String fingerprintSha256,
                               String keyAlgorithm, int keySize, boolean selfSigned, int chainLength) {

    public CertificateFacts {
        Certificate.requireText(commonName, "commonName");
        names = List.copyOf(Objects.requireNonNull(names, "names"));
        ipAddresses = List.copyOf(Objects.requireNonNull(ipAddresses, "ipAddresses"));
        Certificate.requireText(issuer, "issuer");
        Certificate.requireText(serialNumber, "serialNumber");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (notAfter.isBefore(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is before notBefore " + notBefore);
        }
        Certificate.requireText(fingerprintSha256, "fingerprintSha256");
        Certificate.requireText(keyAlgorithm, "keyAlgorithm");
        if (keySize <= 0) {
            throw new IllegalArgumentException("keySize " + keySize);
        }
        if (chainLength < 1) {
            throw new IllegalArgumentException("chainLength " + chainLength);
        }
    }
}
