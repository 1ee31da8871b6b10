package dev.certgate.web.rest;

import dev.certgate.api.CertgateException;
import dev.certgate.api.CertificateService;
import dev.certgate.api.CertificateView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

import java.util.List;

/**
 * {@code /api/v1/certificates}: list and import (PEM). The rest of the contract in API.md (paging, filters, edit,
 * delete, export, roles) comes with the certificate store and automation issues.
 */
@Path("/certificates")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CertificatesResource {

    @EJB
    private CertificateService certificates;

    /** The body of {@code POST /certificates}. */
    public record ImportPem(String certificate, String privateKey) {
    }

    /** The answer of {@code GET /certificates}. */
    public record Page(List<CertificateView> items, long total) {
    }

    @GET
    public Page list() {
        List<CertificateView> all = certificates.list();
        return new Page(all, all.size());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importPem(ImportPem body, @Context UriInfo uri) throws CertgateException {
        ImportPem request = body != null ? body : new ImportPem(null, null);
        CertificateView stored = certificates.importPem(request.certificate(), request.privateKey());
        return Response.created(uri.getAbsolutePathBuilder().path(stored.id()).build()).entity(stored).build();
    }
}
