package dev.certgate.vault;

import dev.certgate.core.vault.KeyringRules;

import java.util.List;

/**
 * Which nodes are alive and which keys each holds and seals under: implemented by the cluster capability from its
 * heartbeat rows (a bean found by CDI; the vault reads no table of theirs). Without an implementation the vault
 * knows only its own node.
 */
public interface KeyringNodes {

    /** This node's name, as its heartbeat row names it. */
    String localNode();

    /** Every live node (a heartbeat within {@code NodeService.DOWN_AFTER_SECONDS}), as its last heartbeat says. */
    List<KeyringRules.NodeKeys> liveNodes();
}
