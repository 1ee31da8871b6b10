/**
 * The TLS gateway: an Undertow HTTPS listener whose key manager picks the certificate by SNI from an immutable
 * in-memory {@link dev.certgate.gateway.SniSnapshot}. A handshake never touches the database; the snapshot is
 * replaced after each committed change. {@code SniSnapshot}, {@code ServedCertificate} and {@code SniKeyManager}
 * are pure Java. Nothing here accepts or returns null unless documented.
 */
package dev.certgate.gateway;
