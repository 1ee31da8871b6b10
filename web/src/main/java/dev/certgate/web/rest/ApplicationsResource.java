package dev.certgate.web.rest;

import dev.certgate.api.ApplicationService;
import dev.certgate.api.ApplicationSpec;
import dev.certgate.api.ApplicationView;
import dev.certgate.api.CertgateException;
import dev.certgate.api.DomainSettings;
import dev.certgate.api.InvalidInputException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/** {@code /api/v1/applications}, as the REST contract (`openapi.yaml`) describes it. */
@Path("/applications")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ApplicationsResource {

    @EJB
    private ApplicationService applications;

    @Context
    private UriInfo uri;

    /** The body of POST and PUT: an Application (id ignored; version required by PUT). */
    public record ApplicationBody(String name, List<String> backends, List<DomainSettings> domains, Long version) {
        ApplicationSpec spec() {
            return new ApplicationSpec(name, backends, domains);
        }
    }

    @GET
    public List<ApplicationView> list() throws CertgateException {
        return applications.list();
    }

    @GET
    @Path("{id}")
    public ApplicationView get(@PathParam("id") String id) throws CertgateException {
        return applications.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(ApplicationBody body) throws CertgateException {
        ApplicationView created = applications.create(required(body).spec());
        return Response.created(uri.getBaseUriBuilder().path("applications").path(created.id()).build())
                .entity(created).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ApplicationView update(@PathParam("id") String id, ApplicationBody body) throws CertgateException {
        ApplicationBody given = required(body);
        if (given.version() == null) {
            throw new InvalidInputException("version", "Give the version you read (the application's \"version\"), "
                    + "so a change made by someone else in between is not lost.");
        }
        return applications.update(id, given.version(), given.spec());
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) throws CertgateException {
        applications.delete(id);
        return Response.noContent().build();
    }

    private static ApplicationBody required(ApplicationBody body) throws InvalidInputException {
        if (body == null) {
            throw new InvalidInputException("body", "The request has no JSON body.");
        }
        return body;
    }
}
