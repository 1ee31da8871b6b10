package dev.certgate.web.rest;

import dev.certgate.api.CertgateException;
import dev.certgate.api.CertificateService;
import dev.certgate.api.LocalCaView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * {@code /api/v1/local-ca}: the local CA, created by {@code POST} (admin, operator) and never by a read; its root
 * certificate, to import once into a browser or trust store. Until it exists every read is a 404.
 */
@Path("/local-ca")
@RequestScoped
public class LocalCaResource {

    @EJB
    private CertificateService certificates;

    @Context
    private UriInfo uri;

    /** The body of {@code POST /local-ca}: the domains it may issue for; none (admins only): any name. */
    public record CreateBody(List<String> permittedNames) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public LocalCaView get() throws CertgateException {
        return certificates.localCa();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(CreateBody body) throws CertgateException {
        LocalCaView created = certificates.createLocalCa(body == null || body.permittedNames() == null ? List.of()
                : body.permittedNames());
        return Response.created(uri.getBaseUriBuilder().path(LocalCaResource.class).build()).entity(created).build();
    }

    @GET
    @Path("root.pem")
    @Produces("application/x-pem-file")
    public Response rootPem() throws CertgateException {
        return Response.ok(certificates.localCaRootPem())
                .header("Content-Disposition", "attachment; filename=\"certgate-local-ca.pem\"")
                .build();
    }
}
