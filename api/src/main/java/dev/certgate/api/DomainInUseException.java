package dev.certgate.api;

/** A domain can belong to one application only. */
public class DomainInUseException extends CertgateException {

    private static final long serialVersionUID = 1L;

    public DomainInUseException(String domain, String application) {
        super("The domain " + domain + " is already used by the application " + application
                + ". Remove it there first.");
    }
}
