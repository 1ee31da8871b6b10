package dev.certgate.web.rest;

import dev.certgate.api.CertgateException;
import dev.certgate.api.InstanceKeyService;
import dev.certgate.api.InstanceKeyStatus;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/v1/instance-key}: which key-encryption key is in use, whether every stored key opens under it, and
 * its rotation ({@code POST /api/v1/instance-key/rotate}, admin only; bin/rotate-instance-key calls it).
 */
@Path("/instance-key")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class InstanceKeyResource {

    @EJB
    private InstanceKeyService instanceKey;

    @GET
    public InstanceKeyStatus status() throws CertgateException {
        return instanceKey.status();
    }

    @POST
    @Path("rotate")
    public InstanceKeyStatus rotate() throws CertgateException {
        return instanceKey.rotate();
    }
}
