package dev.certgate.core.pki;

import dev.certgate.core.CoreException;

import java.util.Objects;

/**
 * The local CA refuses to issue for a name: outside its permitted names, or a wildcard over a public suffix or a
 * single label. Nothing was signed. {@link #field()} names the input at fault ({@code commonName} or
 * {@code subjectAltNames}).
 */
public class NameNotPermittedException extends CoreException {

    private static final long serialVersionUID = 1L;

    private final String field;

    NameNotPermittedException(String field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** The input at fault, as named in the API. */
    public String field() {
        return field;
    }
}
