package dev.certgate.api;

/** A user of that name exists already. */
public class DuplicateUserException extends CertgateException {

    private static final long serialVersionUID = 1L;

    public DuplicateUserException(String name) {
        super(ErrorCategory.CONFLICT, "A user named " + name
                + " exists already. Choose another name, or edit that user.");
    }
}
