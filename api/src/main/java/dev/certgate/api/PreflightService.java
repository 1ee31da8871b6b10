package dev.certgate.api;

import jakarta.ejb.Remote;

/**
 * The pre-flight check of an ACME domain: before its first order, and on demand, certgate tries what the CA will
 * need (the name resolves, its CAA records permit the account's CA, the domain's challenge reaches this
 * installation) and says in plain words what fails and the likely fix. Nothing is ordered and nothing is stored: the
 * probes (an HTTP-01 token, a TLS-ALPN-01 certificate, a DNS-01 record) are withdrawn before the answer.
 */
@Remote
public interface PreflightService {

    /**
     * Checks {@code domain} as its challenge type needs. Admins and operators.
     *
     * @param domain as {@link HostName#parse} read it from the user's input
     * @throws AcmeDomainNotFoundException when no application has this domain with ACME
     */
    PreflightReport check(HostName domain) throws CertgateException;
}
