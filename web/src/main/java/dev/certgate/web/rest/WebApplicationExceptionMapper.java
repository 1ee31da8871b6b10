package dev.certgate.web.rest;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/**
 * JAX-RS's own refusals (no such path, method not allowed, not JSON, a query parameter that is not a number) as
 * problem documents like every other error, instead of an empty body. JAX-RS answers 404 when a query parameter
 * cannot be converted (it cannot tell a bad parameter from a missing resource); the caller's input is at fault, so
 * that is 400 here.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response given = e.getResponse();
        int status = given == null ? 500 : given.getStatus();
        String detail;
        if (e instanceof NotFoundException && e.getCause() != null) {
            status = 400;
            detail = "A query or path parameter is not of the type the API takes (a number where one is expected, "
                    + "say): " + rootMessage(e) + ".";
        } else if (e instanceof NotFoundException) {
            detail = "There is no such resource in the API. The OpenAPI document at /api/v1/openapi.yaml lists them.";
        } else if (e instanceof NotAllowedException) {
            detail = "This resource does not take that HTTP method; the Allow header lists those it takes.";
        } else if (e instanceof NotSupportedException) {
            detail = "Send the body as application/json (Content-Type: application/json).";
        } else {
            Response.Status known = Response.Status.fromStatusCode(status);
            detail = known != null ? known.getReasonPhrase() + "." : "The request was refused.";
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        Response.ResponseBuilder answer = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", known != null ? known.getReasonPhrase() : "Error", status, detail,
                        List.of(), null));
        if (given != null && given.getHeaderString("Allow") != null) {
            answer.header("Allow", given.getHeaderString("Allow"));
        }
        return answer.build();
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
