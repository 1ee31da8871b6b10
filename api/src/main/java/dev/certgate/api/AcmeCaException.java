package dev.certgate.api;

/**
 * The ACME CA could not be reached, or refused what was asked (an account, an EAB, a revocation). The message says
 * which CA and what it answered.
 */
public class AcmeCaException extends CertgateException {

    private static final long serialVersionUID = 1L;

    public AcmeCaException(String message) {
        super(message);
    }

    public AcmeCaException(String message, Throwable cause) {
        super(message, cause);
    }
}
