package dev.certgate.web.rest;

import dev.certgate.api.CertgateException;
import dev.certgate.api.CertificateService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/** {@code /api/v1/local-ca}: the local CA's root certificate, to import once into a browser or trust store. */
@Path("/local-ca")
@RequestScoped
public class LocalCaResource {

    @EJB
    private CertificateService certificates;

    @GET
    @Path("root.pem")
    @Produces("application/x-pem-file")
    public Response rootPem() throws CertgateException {
        return Response.ok(certificates.localCaRootPem())
                .header("Content-Disposition", "attachment; filename=\"certgate-local-ca.pem\"")
                .build();
    }
}
