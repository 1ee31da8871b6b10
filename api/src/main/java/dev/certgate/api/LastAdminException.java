package dev.certgate.api;

/** The change would leave certgate without an enabled admin, so nobody could manage users any more. */
public class LastAdminException extends CertgateException {

    private static final long serialVersionUID = 1L;

    public LastAdminException(String name, String what) {
        super(ErrorCategory.CONFLICT, name + " is the last enabled admin and cannot be " + what
                + ". Give another user the admin role first.");
    }
}
