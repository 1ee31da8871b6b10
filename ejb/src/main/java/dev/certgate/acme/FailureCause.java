package dev.certgate.acme;

/**
 * Why an ACME attempt failed, in classes an operator acts on differently. The names are those of the REST
 * contract's {@code errorCause}.
 */
public enum FailureCause {
    /** a name did not resolve, or a DNS-01 record could not be published or seen */
    DNS,
    /** the CA, or the CA's validator reaching the gateway, could not connect */
    CONNECTION,
    /** the CA refused with a problem document (its type is in the message) */
    CA,
    /** the CA's rate limit: retried after its Retry-After */
    RATE_LIMIT,
    /** a step did not finish in its time */
    TIMEOUT,
    /** the account is missing at the CA, deactivated, or must accept new terms */
    ACCOUNT,
    /** certgate is not set up for it: no account, no DNS-01 provider, ... */
    CONFIGURATION,
    /** anything else: a defect, logged with its stack trace */
    INTERNAL
}
