package dev.certgate.web.rest;

import dev.certgate.api.CertgateException;
import dev.certgate.api.CertificateExpiredException;
import dev.certgate.api.DuplicateCertificateException;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.KeyMismatchException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/** Turns an expected failure into a problem document: 400 bad input, 409 conflict, 422 refused. */
@Provider
public class CertgateExceptionMapper implements ExceptionMapper<CertgateException> {

    @Override
    public Response toResponse(CertgateException e) {
        int status;
        List<Problem.FieldError> errors = List.of();
        if (e instanceof InvalidInputException invalid) {
            status = 400;
            errors = List.of(new Problem.FieldError(invalid.field(), invalid.getMessage()));
        } else if (e instanceof DuplicateCertificateException) {
            status = 409;
        } else if (e instanceof KeyMismatchException || e instanceof CertificateExpiredException) {
            status = 422;
        } else {
            status = 422;
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Unprocessable Content";
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, e.getMessage(), errors))
                .build();
    }
}
