package dev.certgate.cluster;

import dev.certgate.core.vault.KeyringRules;
import dev.certgate.vault.KeyringNodes;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import java.util.List;

/** The vault's view of the live nodes, from the heartbeat rows: the key ids each holds and seals under. */
@Stateless
@PermitAll // internal: called by the vault's service, which checked the roles
public class ClusterKeyringNodes implements KeyringNodes {

    @EJB
    private NodeRegistry registry;

    @EJB
    private ClusterSync sync;

    @Override
    public String localNode() {
        return sync.nodeName();
    }

    @Override
    public List<KeyringRules.NodeKeys> liveNodes() {
        return registry.liveRows().stream()
                .map(row -> new KeyringRules.NodeKeys(row.name(), row.keyIds(), row.sealingKeyIds()))
                .toList();
    }
}
