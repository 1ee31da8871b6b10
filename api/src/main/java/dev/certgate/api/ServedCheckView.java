package dev.certgate.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * One name's last served-certificate check on one node: the node opened a TLS connection to its own gateway for the
 * name and compared what it received with the store.
 *
 * @param node          the node that checked (its own gateway)
 * @param host          the name asked for (a wildcard's probe name, {@code certgate-served-check.<domain>})
 * @param outcome       {@code MATCH}, {@code MISMATCH}, {@code HANDSHAKE_FAILED} or {@code EXPIRED}
 * @param certificateId the stored certificate concerned; null when the store has none for the name
 * @param servedSha256  the SHA-256 fingerprint of the leaf served (hex); null when none was served
 * @param detail        what was found, in plain words
 * @param checkedAt     when
 */
public record ServedCheckView(String node, String host, String outcome, String certificateId, String servedSha256,
                              String detail, Instant checkedAt) implements Serializable {
}
