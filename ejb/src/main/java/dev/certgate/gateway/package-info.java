/**
 * The TLS gateway: an Undertow HTTPS listener whose key manager picks the certificate by SNI from an immutable
 * in-memory {@link dev.certgate.core.sni.SniSnapshot}. A handshake never touches the database; the snapshot is
 * replaced after each committed change. The lookup itself (exact name, one-label wildcard, default or refuse) is
 * the core's ({@code dev.certgate.core.sni}); this package holds the JSSE and Undertow glue around it. Nothing here
 * accepts or returns null unless documented.
 */
package dev.certgate.gateway;
