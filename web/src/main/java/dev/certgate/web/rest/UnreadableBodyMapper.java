package dev.certgate.web.rest;

import dev.certgate.api.CertgateException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/**
 * A body that is not JSON, or not of the shape a call takes (a string where a number belongs, an array for an
 * object): the caller's mistake, so 400 with what JSON-B found wrong, never a 500. A value that JSON-B read through
 * one of the api's adapters and that names no constant (a key type "DSA_1024") is answered as the service would
 * answer it: the adapter's {@link CertgateException}, with the field it names.
 */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<ProcessingException> {

    @Override
    public Response toResponse(ProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertgateException refused) {
                return new CertgateExceptionMapper().toResponse(refused);
            }
        }
        String found = WebApplicationExceptionMapper.rootMessage(e).replaceFirst("^Internal error: ", "")
                .replaceAll("class [\\w.]+\\$(\\w+)", "$1"); // not the server's class names
        return Response.status(400)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Bad Request", 400, "The body is not JSON of the form this call "
                        + "takes (see /api/v1/openapi.yaml): " + found, List.of(new Problem.FieldError("body", found)),
                        null))
                .build();
    }
}
