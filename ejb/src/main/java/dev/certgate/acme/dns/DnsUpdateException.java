package dev.certgate.acme.dns;

/**
 * A DNS-01 record could not be published, seen or removed. The message says which name, which server and why, in
 * words an operator can act on; it never contains a TSIG secret.
 */
public class DnsUpdateException extends Exception {

    private static final long serialVersionUID = 1L;

    public DnsUpdateException(String message) {
        super(message);
    }

    public DnsUpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}
