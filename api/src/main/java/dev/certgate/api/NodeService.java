package dev.certgate.api;

import jakarta.ejb.Remote;

import java.util.List;

/**
 * The nodes of this installation as their heartbeats report them: which are up, which serve the latest change and
 * which lag. Any signed-in role may read it.
 */
@Remote
public interface NodeService {

    /** A node whose last heartbeat is older than this many seconds is shown as down. */
    int DOWN_AFTER_SECONDS = 30;

    /** Every node that ever sent a heartbeat to this database, by name. */
    List<NodeView> nodes() throws CertgateException;
}
