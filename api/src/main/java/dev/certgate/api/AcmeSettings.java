package dev.certgate.api;

import java.io.Serializable;

/**
 * "ACME automatic certificate" for a domain.
 *
 * @param challenge how the CA checks the name; null for {@link ChallengeType#DEFAULT}; {@code DNS_01} is required for
 *                  a wildcard
 * @param keyType   the certificate's key: {@code EC_P256} (default when null) or {@code RSA_2048}
 */
public record AcmeSettings(ChallengeType challenge, KeyType keyType) implements Serializable {
}
