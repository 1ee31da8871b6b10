package dev.certgate.web.rest;

import dev.certgate.web.WebLog;
import dev.certgate.api.DatabaseUnavailableException;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/** A failure nobody expected: logged in full on the server, answered as a plain 500 without a stack trace. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<EJBException> {

    @Override
    public Response toResponse(EJBException e) {
        if (DatabaseUnavailableException.isCause(e)) { // failed at the commit, after the service's own check
            return new CertgateExceptionMapper().toResponse(new DatabaseUnavailableException());
        }
        WebLog.restCallFailed(e);
        return Response.status(500)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Internal Server Error", 500,
                        "The request failed because of an internal error. Nothing was changed; the server log has "
                                + "the details (CERTGATE-9002).", List.of(), null))
                .build();
    }
}
