/**
 * When an ACME certificate is renewed and a failed attempt retried ({@link dev.certgate.core.renewal.RenewalPolicy}):
 * pure functions of the certificate's dates, the CA's renewal window and the clock's instant passed in. The timer
 * and the ACME client are ejb's {@code dev.certgate.acme}. Nothing here accepts or returns null unless documented.
 */
package dev.certgate.core.renewal;
