package dev.certgate.api;

/** No user has this name. */
public class UserNotFoundException extends CertgateException {

    private static final long serialVersionUID = 1L;

    public UserNotFoundException(String name) {
        super(ErrorCategory.NOT_FOUND, "There is no user named " + name
                + ". It may have been deleted; reload the list.");
    }
}
