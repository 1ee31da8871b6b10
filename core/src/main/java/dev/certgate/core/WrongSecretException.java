package dev.certgate.core;

/**
 * A passphrase or password does not open what it was given for (an encrypted private key, a PKCS#12 file).
 * {@link #field()} names the passphrase or password input. (A missing passphrase is a plain
 * {@link BadInputException} on that input.)
 */
public class WrongSecretException extends BadInputException {

    private static final long serialVersionUID = 1L;

    /**
     * @param field   the passphrase or password input, as named in the API
     * @param message for the user: which input it does not open and what to do
     */
    public WrongSecretException(String field, String message, Throwable cause) {
        super(field, message, cause);
    }
}
