package dev.certgate.cluster;

import dev.certgate.gateway.ChangeSequence;
import dev.certgate.api.CertgateException;
import dev.certgate.api.NodeService;
import dev.certgate.api.NodeView;
import dev.certgate.api.Roles;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import java.util.List;

/** The node list for the Cluster page, {@code GET /api/v1/nodes} and {@code certgate node list}. */
@Stateless
@DeclareRoles({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
public class NodeServiceBean implements NodeService {

    @EJB
    private NodeRegistry registry;

    @EJB
    private ChangeSequence sequence;

    @Override
    public List<NodeView> nodes() throws CertgateException {
        long current = sequence.current();
        return registry.rows().stream().map(row -> view(row, current)).toList();
    }

    static NodeView view(NodeRegistry.Row row, long current) {
        boolean up = row.up();
        return new NodeView(row.name(), row.version(), row.startedAt(), row.lastHeartbeat(),
                row.secondsSinceHeartbeat(), up,
                row.generation(), current, up && row.generation() >= current, row.keyIds(), row.sealingKeyIds());
    }
}
