/**
 * The SNI lookup, pure Java: an immutable snapshot of the served certificates ({@link dev.certgate.core.sni.SniSnapshot})
 * that picks, for a requested name and key type, the domain's bound certificate or one naming the host exactly, then
 * the one-label wildcard, then the default certificate or none (refuse). The JSSE key manager and the Undertow
 * listener around it are ejb's {@code dev.certgate.gateway}. Nothing here accepts or returns null unless documented.
 */
package dev.certgate.core.sni;
