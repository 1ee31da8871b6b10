package dev.certgate.web.rest;

import dev.certgate.api.DatabaseStatus;
import dev.certgate.api.DatabaseUnavailableException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/status}, the one call that needs no sign-in: whether the database answers, so that a client
 * whose sign-in was refused can tell "the database is away" from "the password is wrong" (a sign-in is checked
 * against the database). 200 {@code {"database":"answers"}}, or 503 with the problem document every surface gives
 * while the database is away. Says nothing else. web.xml leaves it open; {@code ApiChallenge} lets it through.
 */
@Path(StatusResource.PATH)
@RequestScoped
public class StatusResource {

    /** Its path under {@code /api/v1}. */
    public static final String PATH = "/status";

    @EJB
    private DatabaseStatus database;

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    public Response status() {
        if (database.answers()) {
            return Response.ok(Map.of("database", "answers"), MediaType.APPLICATION_JSON_TYPE)
                    .header("Cache-Control", "no-store").build();
        }
        return Response.status(503).type(Problem.MEDIA_TYPE)
                .header("Retry-After", CertgateExceptionMapper.RETRY_AFTER_SECONDS)
                .header("Cache-Control", "no-store")
                .entity(new Problem("about:blank", "Service Unavailable", 503, DatabaseUnavailableException.MESSAGE,
                        List.of(), null))
                .build();
    }
}
