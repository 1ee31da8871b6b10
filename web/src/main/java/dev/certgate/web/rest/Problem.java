package dev.certgate.web.rest;

import jakarta.json.bind.annotation.JsonbNillable;

import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error answer.
 *
 * @param type   a URI naming the kind of problem ({@code about:blank} when the status says it all)
 * @param title  the status in words
 * @param status the HTTP status
 * @param detail what is wrong, in words the user understands
 * @param errors the inputs at fault, when known; may be empty
 * @param usedBy for a refused delete, the domains that use the certificate; null otherwise (then not sent)
 */
@JsonbNillable(false)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
                      List<String> usedBy) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One input at fault. */
    public record FieldError(String field, String message) {
    }
}
