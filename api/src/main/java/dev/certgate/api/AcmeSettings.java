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
 * @param profile            the CA's certificate profile to order with (one its directory lists, e.g.
 *                           {@code shortlived}); null for the ACME account's default. Kept across renewals; an
 *                           order fails (and says why) when the CA no longer offers it
 */
public record AcmeSettings(ChallengeType challenge, KeyType keyType, String adoptCertificateId, String profile)
        implements Serializable {

    /** What a profile name may be: the CAs' names are short tokens such as {@code tlsserver}. */
    public static final java.util.regex.Pattern PROFILE_NAME = java.util.regex.Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    // One constructor only: JSON-B makes records from JSON with their one canonical constructor.

    /** Without a certificate to adopt. */
    public static AcmeSettings of(ChallengeType challenge, KeyType keyType) {
        return new AcmeSettings(challenge, keyType, null, null);
    }

    /** Ordered with the CA's certificate profile {@code profile} (null: the account's default). */
    public static AcmeSettings of(ChallengeType challenge, KeyType keyType, String profile) {
        return new AcmeSettings(challenge, keyType, null, profile);
    }
}
