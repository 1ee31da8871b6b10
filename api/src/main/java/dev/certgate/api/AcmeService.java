package dev.certgate.api;

import jakarta.ejb.Remote;

import java.util.List;

/**
 * ACME: the installation's account at its CA, the state of every domain whose certificate ACME obtains, renewal on
 * demand and revocation. Orders run in the background (after a domain is saved, on the renewal timer, on "renew
 * now"); their outcome, good or bad, is in {@link #domains()}.
 */
@Remote
public interface AcmeService {

    /** The account as configured; status {@code NONE} (and nulls) when none is. */
    AcmeAccountView account() throws CertgateException;

    /**
     * Reads a CA's directory (nothing is registered): its terms of service, website, whether it requires External
     * Account Binding. Admin only.
     *
     * @param directoryUrl an https:// directory URL or a preset ({@code letsencrypt}, {@code letsencrypt-staging})
     * @throws InvalidInputException the URL is missing or not https://
     * @throws AcmeCaException       the directory cannot be reached or read
     */
    AcmeDirectoryInfo directory(String directoryUrl) throws CertgateException;

    /**
     * Registers (or finds again) the account at the CA and keeps it: the account key (new, or the current one when
     * the CA stays the same) and the EAB HMAC key are sealed in the vault.
     *
     * @throws InvalidInputException       a field is missing or malformed, or the terms are not agreed (the message
     *                                     names the terms' URL)
     * @throws AcmeCaException             the directory cannot be reached or read, or the CA refused the account
     */
    AcmeAccountView saveAccount(AcmeAccountRequest request) throws CertgateException;

    /**
     * Replaces the account key by a new one at the CA (key rollover, RFC 8555 §7.3.5); the account stays the same.
     *
     * @throws AcmeCaException the CA refused or could not be reached; the old key stays
     */
    AcmeAccountView rolloverAccountKey() throws CertgateException;

    /**
     * Deactivates the account at the CA (RFC 8555 §7.3.6); orders fail until another account is saved.
     *
     * @throws AcmeCaException the CA refused or could not be reached
     */
    AcmeAccountView deactivateAccount() throws CertgateException;

    /**
     * The certificate profiles the account's CA offers now (from its directory), with the CA's descriptions.
     *
     * @throws AcmeCaException the directory cannot be reached or read
     */
    List<AcmeDirectoryInfo.Profile> profiles() throws CertgateException;

    /** Every domain that uses ACME, by name, with its state. */
    List<AcmeDomainView> domains() throws CertgateException;

    /**
     * Orders a new certificate for the domain now, in the background.
     *
     * @param domain as {@link HostName#parse} read it from the user's input
     * @throws AcmeDomainNotFoundException when no application has this domain with ACME
     */
    AcmeDomainView renew(HostName domain) throws CertgateException;

    /**
     * Revokes an ACME certificate at its CA, then orders a new one for the domains that still use ACME.
     *
     * @param reason an RFC 5280 reason name ({@code unspecified}, {@code keyCompromise}, {@code superseded},
     *               {@code cessationOfOperation}, {@code affiliationChanged}); null means unspecified
     * @throws CertificateNotFoundException when there is no such certificate
     * @throws AcmeCaException              the CA refused or could not be reached
     */
    void revoke(String certificateId, String reason) throws CertgateException;
}
