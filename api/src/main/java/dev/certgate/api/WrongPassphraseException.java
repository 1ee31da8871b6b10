package dev.certgate.api;

/**
 * The passphrase or password given does not open the encrypted input (an encrypted private key, a PKCS#12 file).
 * {@link #field()} names the passphrase input, so a page can show the message next to it and the user can try again.
 */
public class WrongPassphraseException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /**
     * @param field   the passphrase or password input, as named in the API
     * @param message for the user: which input it does not open and what to do
     */
    public WrongPassphraseException(String field, String message, Throwable cause) {
        super(field, message, cause);
    }
}
