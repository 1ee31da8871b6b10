package dev.certgate.api;

/** No application has this domain with an ACME certificate. */
public class AcmeDomainNotFoundException extends CertgateException {

    private static final long serialVersionUID = 1L;

    public AcmeDomainNotFoundException(String domain) {
        super(ErrorCategory.NOT_FOUND, "No application has the domain " + domain + " with an ACME certificate.");
    }
}
