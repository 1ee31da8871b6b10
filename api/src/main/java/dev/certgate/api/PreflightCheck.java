package dev.certgate.api;

/**
 * One thing an ACME CA will need of a domain, which the pre-flight check tries before an order ({@link
 * PreflightService}). The constant names are the values of the REST contract.
 */
public enum PreflightCheck {

    /** The name has an A or AAAA record (the CA connects to those addresses for HTTP-01 and TLS-ALPN-01). */
    NAME,
    /** The CAA records that apply to the name (RFC 8659) permit the account's CA to issue. */
    CAA,
    /** A token served by this installation under {@code /.well-known/acme-challenge/} is fetched back through each
     * address of the name, on the port the CA uses for HTTP-01 (80). */
    HTTP_01,
    /** A TLS-ALPN-01 validation certificate made by this installation is served on each address of the name, on the
     * port the CA uses (443), with ALPN {@code acme-tls/1}. */
    TLS_ALPN_01,
    /** certgate's DNS provider writes a TXT record at {@code _acme-challenge.<name>} and sees it where the CA will
     * look, then removes it. */
    DNS_01
}
