package dev.certgate.api;

/**
 * An input the user gave cannot be used as it is: empty, not in a recognised format, or missing a part.
 * {@link #field()} names the input (for example {@code "certificate"} or {@code "privateKey"}) so a page can show the
 * message next to it.
 */
public class InvalidInputException extends CertgateException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidInputException(String field, String message) {
        super(ErrorCategory.INVALID_INPUT, message);
        this.field = field;
    }

    public InvalidInputException(String field, String message, Throwable cause) {
        super(ErrorCategory.INVALID_INPUT, message, cause);
        this.field = field;
    }

    /** The input at fault, as named in the API ({@code "certificate"}, {@code "privateKey"}, ...). */
    public String field() {
        return field;
    }
}
