package dev.certgate.cluster;

import dev.certgate.gateway.ServingNodes;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import java.util.Map;
import java.util.TreeMap;

/** The gateway's view of what the live nodes serve, from the heartbeat rows (written every second). */
@Stateless
@PermitAll // internal: called by the ACME orders through the challenge store, never remotely
public class ClusterServingNodes implements ServingNodes {

    @EJB
    private NodeRegistry registry;

    @EJB
    private ClusterSync sync;

    @Override
    public String localNode() {
        return sync.nodeName();
    }

    @Override
    public Map<String, Long> servedGenerations() {
        Map<String, Long> served = new TreeMap<>();
        for (NodeRegistry.Row row : registry.liveRows()) {
            served.put(row.name(), row.generation());
        }
        return served;
    }
}
