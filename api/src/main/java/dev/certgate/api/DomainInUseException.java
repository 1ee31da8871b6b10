package dev.certgate.api;

/** A domain can belong to one application only. */
public class DomainInUseException extends CertgateException {

    private static final long serialVersionUID = 1L;

    private final String domain;
    private final String application;

    public DomainInUseException(String domain, String application) {
        super(ErrorCategory.CONFLICT, "The domain " + domain + " is already used by the application " + application
                + ". Remove it there first.");
        this.domain = domain;
        this.application = application;
    }

    /** The domain asked for. */
    public String domain() {
        return domain;
    }

    /** The name of the application that has it. */
    public String application() {
        return application;
    }
}
