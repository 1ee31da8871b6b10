package dev.certgate.api;

/** The current password given to change one's own password is not the right one. */
public class WrongPasswordException extends CertgateException {

    private static final long serialVersionUID = 1L;

    public WrongPasswordException() {
        super(ErrorCategory.INVALID_INPUT, "The current password is wrong. Your password was not changed.");
    }
}
