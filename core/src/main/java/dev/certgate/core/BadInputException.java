package dev.certgate.core;

import java.util.Objects;

/**
 * An input the user gave cannot be used as it is: empty, not in a recognised format, out of range, or missing a
 * part. {@link #field()} names the input as the API does ({@code "certificate"}, {@code "privateKey"},
 * {@code "commonName"}, ...), so a page can show the message next to it.
 */
public class BadInputException extends CoreException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public BadInputException(String field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    public BadInputException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** The input at fault, as named in the API. */
    public String field() {
        return field;
    }
}
