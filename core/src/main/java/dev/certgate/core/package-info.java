/**
 * The core of certgate, with no container in it: plain Java and Bouncy Castle, unit-tested with nothing but a JDK.
 * Its areas are packages ({@code pki}, {@code vault}, {@code sni}, {@code renewal}); this package holds their
 * common checked exceptions, rooted at {@link dev.certgate.core.CoreException}. The core may use the api's
 * vocabulary (such as {@link dev.certgate.api.HostName}) but never its exceptions or services, and nothing of
 * {@code jakarta.*}, Hibernate, Undertow or XNIO (enforced by the architecture test). Nothing here accepts or returns
 * null unless documented.
 */
package dev.certgate.core;
