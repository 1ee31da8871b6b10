package dev.certgate.web.rest;

import dev.certgate.api.CertgateException;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.NewUser;
import dev.certgate.api.UserChange;
import dev.certgate.api.UserService;
import dev.certgate.api.UserView;
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

/** {@code /api/v1/users} (admin), as the REST contract (`openapi.yaml`) describes it. Answers never carry a password or a hash. */
@Path("/users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    @EJB
    private UserService users;

    @Context
    private UriInfo uri;

    @GET
    public List<UserView> list() throws CertgateException {
        return users.list();
    }

    @GET
    @Path("{name}")
    public UserView get(@PathParam("name") String name) throws CertgateException {
        return users.get(name);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewUser body) throws CertgateException {
        if (body == null) {
            throw new InvalidInputException("body", "The request has no JSON body.");
        }
        UserView created = users.create(body);
        return Response.created(uri.getBaseUriBuilder().path("users").path(created.name()).build())
                .entity(created).build();
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserView update(@PathParam("name") String name, UserChange body) throws CertgateException {
        if (body == null) {
            throw new InvalidInputException("body", "The request has no JSON body.");
        }
        return users.update(name, body);
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) throws CertgateException {
        users.delete(name);
        return Response.noContent().build();
    }
}
