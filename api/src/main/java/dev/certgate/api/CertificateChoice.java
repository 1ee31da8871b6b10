package dev.certgate.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * A stored certificate that covers a host name, offered when a domain is bound to a certificate.
 *
 * @param id         the certificate's id
 * @param commonName its common name
 * @param names      the DNS names it is valid for
 * @param matchedBy  the name of the certificate that covers the host: the host itself or a one-label wildcard
 * @param issuer     the issuer's distinguished name
 * @param source     where it came from
 * @param notAfter   the end of its validity
 */
public record CertificateChoice(String id, String commonName, List<String> names, String matchedBy, String issuer,
                                CertificateSource source, Instant notAfter) implements Serializable {

    public CertificateChoice {
        names = List.copyOf(names);
    }

    /** Whether it has ended at {@code now}. */
    public boolean expiredAt(Instant now) {
        return notAfter.isBefore(now);
    }
}
