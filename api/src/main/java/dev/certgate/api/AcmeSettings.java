package dev.certgate.api;

import java.io.Serializable;

/**
 * "ACME automatic certificate" for a domain.
 *
 * @param challenge          how the CA checks the name; null for {@link ChallengeType#DEFAULT}; {@code DNS_01} is
 *                           required for a wildcard
 * @param keyType            the certificate's key: {@code EC_P256} (default when null) or {@code RSA_2048}
 * @param adoptCertificateId a stored certificate of source ACME (brought by a migration) that the domain starts
 *                           with: served at once and renewed by certgate when due, not ordered again now; null for
 *                           none (the first certificate is ordered at once). Ignored when the domain has an ACME
 *                           certificate already
 */
public record AcmeSettings(ChallengeType challenge, KeyType keyType, String adoptCertificateId)
        implements Serializable {

    // One constructor only: JSON-B makes records from JSON with their one canonical constructor.

    /** Without a certificate to adopt. */
    public static AcmeSettings of(ChallengeType challenge, KeyType keyType) {
        return new AcmeSettings(challenge, keyType, null);
    }
}
