package dev.certgate.web.rest;

import dev.certgate.api.AuditAction;
import dev.certgate.api.AuditPage;
import dev.certgate.api.AuditQuery;
import dev.certgate.api.AuditService;
import dev.certgate.api.CertgateException;
import dev.certgate.api.InvalidInputException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** {@code GET /api/v1/audit?user=&action=&from=&to=&page=&size=} (admin, auditor), as in the REST contract (openapi.yaml). */
@Path("/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @EJB
    private AuditService audit;

    @GET
    public AuditPage search(@QueryParam("user") String user, @QueryParam("action") String action,
                            @QueryParam("from") String from, @QueryParam("to") String to,
                            @QueryParam("page") @DefaultValue("0") int page,
                            @QueryParam("size") @DefaultValue("50") int size) throws CertgateException {
        return audit.search(new AuditQuery(user, AuditAction.parse(action), instant("from", from), instant("to", to),
                page, size));
    }

    private static Instant instant(String field, String text) throws InvalidInputException {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + field + "' must be an RFC 3339 UTC time such as "
                    + "2026-11-27T12:00:00Z, not '" + text + "'.", e);
        }
    }
}
