package dev.certgate.web.rest;

import dev.certgate.api.ErrorCategory;
import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/** A service refused the caller's role: 403, saying so in words. */
@Provider
public class AccessDeniedMapper implements ExceptionMapper<EJBAccessException> {

    @Override
    public Response toResponse(EJBAccessException e) {
        int status = CertgateExceptionMapper.status(ErrorCategory.REFUSED);
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Forbidden", status,
                        "Your role does not allow this. Operators and admins may change certificates; auditors may "
                                + "only read; only admins manage users.", List.of(), null))
                .build();
    }
}
