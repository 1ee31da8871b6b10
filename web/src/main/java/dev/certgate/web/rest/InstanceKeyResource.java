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
 * {@code /api/v1/instance-key}: which key-encryption key is active, the keyring's keys, whether every stored key
 * opens on this node, and the staged rotation (admin only): {@code POST .../stage}, {@code .../activate},
 * {@code .../rewrap}, {@code .../retire}, or all four on one node with {@code POST .../rotate}
 * (bin/rotate-instance-key calls these).
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
    @Path("stage")
    public InstanceKeyStatus stage() throws CertgateException {
        return instanceKey.stage();
    }

    @POST
    @Path("activate")
    public InstanceKeyStatus activate() throws CertgateException {
        return instanceKey.activate();
    }

    @POST
    @Path("rewrap")
    public InstanceKeyStatus rewrap() throws CertgateException {
        return instanceKey.rewrap();
    }

    @POST
    @Path("retire")
    public InstanceKeyStatus retire() throws CertgateException {
        return instanceKey.retire();
    }

    @POST
    @Path("rotate")
    public InstanceKeyStatus rotate() throws CertgateException {
        return instanceKey.rotate();
    }
}
