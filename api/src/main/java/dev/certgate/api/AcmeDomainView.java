package dev.certgate.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * Where a domain's ACME certificate stands.
 *
 * @param domain        the name
 * @param state         {@code PENDING}, {@code VALID}, {@code RENEWING} or {@code FAILING}
 * @param certificateId the certificate served for it, null until the first is issued
 * @param notAfter      that certificate's end, null when none
 * @param lastAttempt   when an order last ended, null before the first
 * @param lastError     why the last attempt failed, in words; null when it did not
 * @param errorCause    the class of that failure: {@code DNS}, {@code CONNECTION}, {@code CA}, {@code RATE_LIMIT},
 *                      {@code TIMEOUT}, {@code ACCOUNT}, {@code CONFIGURATION}, {@code INTERNAL}; null when none
 * @param nextAttempt   when the next order is due
 * @param failureCount  failed attempts in a row
 */
public record AcmeDomainView(String domain, String state, String certificateId, Instant notAfter, Instant lastAttempt,
                             String lastError, String errorCause, Instant nextAttempt, int failureCount)
        implements Serializable {
}
