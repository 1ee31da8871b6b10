package dev.certgate.api;

/**
 * The ACME CA could not be reached ({@link ErrorCategory#UNAVAILABLE}: try again later), or refused what was asked
 * (an account, an EAB, a revocation: {@link ErrorCategory#UNACCEPTABLE}). The message says which CA and what it
 * answered.
 */
public class AcmeCaException extends CertgateException {

    private static final long serialVersionUID = 1L;

    /** The CA answered, and refused. */
    public AcmeCaException(String message) {
        super(ErrorCategory.UNACCEPTABLE, message);
    }

    /** The CA answered, and refused. */
    public AcmeCaException(String message, Throwable cause) {
        super(ErrorCategory.UNACCEPTABLE, message, cause);
    }

    /**
     * @param category {@link ErrorCategory#UNAVAILABLE} when the CA could not be reached (no connection, a timeout,
     *                 a name that does not resolve, an unreadable directory), {@link ErrorCategory#UNACCEPTABLE} when
     *                 it refused
     */
    public AcmeCaException(ErrorCategory category, String message, Throwable cause) {
        super(category, message, cause);
    }
}
