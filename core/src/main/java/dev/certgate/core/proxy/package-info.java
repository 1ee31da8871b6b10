/**
 * The reverse proxy's rules that need no container: which backend targets an application may have
 * ({@link dev.certgate.core.proxy.BackendTargets}). The proxy itself is ejb's {@code dev.certgate.gateway}. Nothing
 * here accepts or returns null unless documented.
 */
package dev.certgate.core.proxy;
