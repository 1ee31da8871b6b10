package dev.certgate.api;

/** No application has this id. */
public class ApplicationNotFoundException extends CertgateException {

    private static final long serialVersionUID = 1L;

    private final String id;

    public ApplicationNotFoundException(String id) {
        super(ErrorCategory.NOT_FOUND, "No application has the id " + id
                + ". It may have been deleted; reload the list.");
        this.id = id;
    }

    /** The id asked for. */
    public String id() {
        return id;
    }
}
