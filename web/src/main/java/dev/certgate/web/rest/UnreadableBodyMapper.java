package dev.certgate.web.rest;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/**
 * A body that is not JSON, or not of the shape a call takes (a string where a number belongs, an array for an
 * object): the caller's mistake, so 400 with what JSON-B found wrong, never a 500.
 */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<ProcessingException> {

    @Override
    public Response toResponse(ProcessingException e) {
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
