package dev.certgate.web.rest;

import dev.certgate.api.ApplicationNotFoundException;
import dev.certgate.api.CertgateException;
import dev.certgate.api.DomainInUseException;
import dev.certgate.api.CertificateInUseException;
import dev.certgate.api.CertificateNotFoundException;
import dev.certgate.api.ConcurrentChangeException;
import dev.certgate.api.DuplicateCertificateException;
import dev.certgate.api.InputTooLargeException;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.DuplicateUserException;
import dev.certgate.api.LastAdminException;
import dev.certgate.api.UserNotFoundException;
import dev.certgate.api.WrongPasswordException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/** Turns an expected failure into a problem document: 400 bad input, 404, 409 conflict, 413, 422 refused. */
@Provider
public class CertgateExceptionMapper implements ExceptionMapper<CertgateException> {

    @Override
    public Response toResponse(CertgateException e) {
        int status;
        List<Problem.FieldError> errors = List.of();
        List<String> usedBy = null;
        if (e instanceof InputTooLargeException tooLarge) {
            status = 413;
            errors = List.of(new Problem.FieldError(tooLarge.field(), tooLarge.getMessage()));
        } else if (e instanceof InvalidInputException invalid) {
            status = 400;
            errors = List.of(new Problem.FieldError(invalid.field(), invalid.getMessage()));
        } else if (e instanceof WrongPasswordException) {
            status = 400;
            errors = List.of(new Problem.FieldError("currentPassword", e.getMessage()));
        } else if (e instanceof CertificateNotFoundException || e instanceof ApplicationNotFoundException
                || e instanceof UserNotFoundException || e instanceof dev.certgate.api.AcmeDomainNotFoundException
                || e instanceof dev.certgate.api.AlertChannelNotFoundException) {
            status = 404;
        } else if (e instanceof CertificateInUseException inUse) {
            status = 409;
            usedBy = inUse.usedBy();
        } else if (e instanceof DuplicateCertificateException || e instanceof ConcurrentChangeException
                || e instanceof DomainInUseException || e instanceof DuplicateUserException
                || e instanceof LastAdminException || e instanceof dev.certgate.api.DuplicateAlertChannelException) {
            status = 409;
        } else {
            // well-formed but refused: key mismatch, expired, weak key, ...
            status = 422;
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Unprocessable Content";
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, e.getMessage(), errors, usedBy))
                .build();
    }
}
