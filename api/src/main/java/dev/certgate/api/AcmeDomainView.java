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
 * @param renewalInfo   the CA's renewal information (RFC 9773) for the certificate served; null when the CA offers
 *                      none (the lifetime rule decides: a third of the lifetime left) or no certificate is served yet
 * @param profile       the CA's certificate profile the domain is ordered with (its own, else the account's
 *                      default); null for the CA's default
 * @param issuedProfile the profile the CA says it issued the certificate served under; null when it named none
 */
public record AcmeDomainView(String domain, String state, String certificateId, Instant notAfter, Instant lastAttempt,
                             String lastError, String errorCause, Instant nextAttempt, int failureCount,
                             RenewalInfo renewalInfo, String profile, String issuedProfile)
        implements Serializable {

    /**
     * The CA's suggested renewal window for a certificate.
     *
     * @param windowStart    the window opens (renewals before it are early)
     * @param windowEnd      the window closes (after it, renewal is overdue)
     * @param explanationUrl the CA's page that explains the window (e.g. an incident), null when it gives none
     * @param nextCheck      when certgate asks the CA for the window again (its Retry-After)
     */
    public record RenewalInfo(Instant windowStart, Instant windowEnd, String explanationUrl, Instant nextCheck)
            implements Serializable {
    }
}
