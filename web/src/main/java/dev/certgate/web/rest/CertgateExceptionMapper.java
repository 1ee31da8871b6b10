package dev.certgate.web.rest;

import dev.certgate.api.CertgateException;
import dev.certgate.api.CertificateInUseException;
import dev.certgate.api.ErrorCategory;
import dev.certgate.api.InputTooLargeException;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.WrongPasswordException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/**
 * Turns an expected failure into a problem document, its status chosen by the failure's {@link ErrorCategory} (the
 * table is in that enum's javadoc): 400 bad input (413 when too large), 422 well-formed but refused, 404, 409
 * conflict, 503 unavailable.
 */
@Provider
public class CertgateExceptionMapper implements ExceptionMapper<CertgateException> {

    static final int RETRY_AFTER_SECONDS = 10;

    @Override
    public Response toResponse(CertgateException e) {
        int status = status(e);
        List<Problem.FieldError> errors = List.of();
        List<String> usedBy = null;
        if (e instanceof InvalidInputException invalid) {
            errors = List.of(new Problem.FieldError(invalid.field(), invalid.getMessage()));
        } else if (e instanceof WrongPasswordException) {
            errors = List.of(new Problem.FieldError("currentPassword", e.getMessage()));
        } else if (e instanceof CertificateInUseException inUse) {
            usedBy = inUse.usedBy();
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Unprocessable Content";
        Response.ResponseBuilder answer = Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, e.getMessage(), errors, usedBy));
        if (status == 503) {
            answer.header("Retry-After", RETRY_AFTER_SECONDS); // what it needs may be back by then
        }
        return answer.build();
    }

    /** The HTTP status of {@code e}: that of its category, 413 for an input too large (a kind of invalid input). */
    public static int status(CertgateException e) {
        if (e instanceof InputTooLargeException) {
            return 413;
        }
        return status(e.category());
    }

    /** The HTTP status of a category: the one place the REST API maps them. */
    public static int status(ErrorCategory category) {
        return switch (category) {
            case INVALID_INPUT -> 400;
            case AUTHENTICATION -> 401;
            case REFUSED -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNACCEPTABLE -> 422;
            case UNAVAILABLE -> 503;
        };
    }
}
