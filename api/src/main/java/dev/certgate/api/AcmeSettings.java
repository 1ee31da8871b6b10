package dev.certgate.api;

import java.io.Serializable;

/**
 * "ACME automatic certificate" for a domain.
 *
 * @param challenge "HTTP_01" (default when null), "TLS_ALPN_01" or "DNS_01" (required for a wildcard)
 * @param keyType   "EC_P256" (default when null) or "RSA_2048"
 */
public record AcmeSettings(String challenge, String keyType) implements Serializable {
}
