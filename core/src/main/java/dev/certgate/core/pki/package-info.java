/**
 * The PKI core: reading PEM, matching keys to certificates, describing a leaf certificate. Pure Java and Bouncy
 * Castle; imports nothing from {@code jakarta.*} (the architecture test checks it), so it is unit-tested without a
 * server. Its failures are {@link dev.certgate.core.CoreException}s. Bouncy Castle is used as a
 * parser and, where a provider is needed, passed as an instance: never installed globally (a global provider would
 * pin the class loader of an old deployment). Nothing here accepts or returns null unless documented.
 */
package dev.certgate.core.pki;
