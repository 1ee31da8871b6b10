package dev.certgate.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The installation's local CA as callers see it. Never carries its private key.
 *
 * @param subject           the root's distinguished name
 * @param notBefore         start of the root's validity
 * @param notAfter          end of the root's validity: nothing it issues is valid after it
 * @param fingerprintSha256 SHA-256 of the root's DER encoding, hex, to check a downloaded root against
 * @param permittedNames    the domains it may issue for (each with every name under it), as its root's
 *                          NameConstraints extension says; empty when it may issue for any name
 * @param createdAt         when it was created
 * @param createdBy         who created it
 */
public record LocalCaView(String subject, Instant notBefore, Instant notAfter, String fingerprintSha256,
                          List<String> permittedNames, Instant createdAt, String createdBy) implements Serializable {

    public LocalCaView {
        Objects.requireNonNull(subject, "subject");
        permittedNames = List.copyOf(permittedNames);
    }
}
