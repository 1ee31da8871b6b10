package dev.certgate.web.rest;

import dev.certgate.api.CertgateException;
import dev.certgate.api.NodeService;
import dev.certgate.api.NodeView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code GET /api/v1/nodes}: the installation's nodes by name, with their heartbeat and generation (any role). */
@Path("/nodes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class NodesResource {

    @EJB
    private NodeService nodes;

    @GET
    public List<NodeView> list() throws CertgateException {
        return nodes.nodes();
    }
}
