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
 * @param subjectAltNames   the DNS names it is valid for, then its IP addresses
 * @param issuer            the issuer's distinguished name
 * @param serialNumber      serial number, hex
 * @param notBefore         start of validity
 * @param notAfter          end of validity
 * @param fingerprintSha256 SHA-256 of the leaf's DER encoding, hex
 * @param keyAlgorithm      "RSA", "EC" or "Ed25519"
 * @param keySize           key size in bits
 * @param selfSigned        whether the leaf signed itself
 * @param chainLength       certificates in the stored chain, leaf included
 * @param source            where it came from
 * @param description       the user's note; null when none
 * @param usedBy            the domains served with it
 * @param warnings          what the user was told when it was stored; may be empty
 * @param createdAt         when it was stored
 * @param createdBy         who stored it
 * @param updatedAt         when it was last replaced or edited; null if never
 * @param updatedBy         who did; null if never
 * @param version           for optimistic locking: pass it back to edit
 * @param crlDistributionPoints where the CA publishes the revocation lists that would list the leaf (its CRL
 *                          Distribution Points, the URLs); empty when it names none
 * @param ocspResponders    the OCSP responders the leaf names (Authority Information Access); empty when none, and
 *                          then the gateway staples no OCSP response for it and asks no responder
 */
public record CertificateView(String id, String commonName, List<String> subjectAltNames, String issuer,
                              String serialNumber, Instant notBefore, Instant notAfter, String fingerprintSha256,
                              String keyAlgorithm, int keySize, boolean selfSigned, int chainLength,
                              CertificateSource source, String description, List<String> usedBy, List<String> warnings, Instant createdAt,
                              String createdBy, Instant updatedAt, String updatedBy, long version,
                              List<String> crlDistributionPoints, List<String> ocspResponders)
        implements Serializable {

    public CertificateView {
        Objects.requireNonNull(id, "id");
        subjectAltNames = List.copyOf(subjectAltNames);
        usedBy = List.copyOf(usedBy);
        warnings = List.copyOf(warnings);
        crlDistributionPoints = List.copyOf(crlDistributionPoints);
        ocspResponders = List.copyOf(ocspResponders);
    }
}
