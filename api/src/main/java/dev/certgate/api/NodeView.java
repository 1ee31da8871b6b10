package dev.certgate.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One node of the installation, as its last heartbeat row says (never a key, only key ids).
 *
 * @param name                  the node's name ({@code jboss.node.name})
 * @param version               the certgate version it runs
 * @param startedAt             when it started
 * @param lastHeartbeat         its last heartbeat, by the database's clock
 * @param secondsSinceHeartbeat how long ago that was, by the database's clock
 * @param up                    whether it sent a heartbeat within {@link NodeService#DOWN_AFTER_SECONDS}
 * @param generation            the change generation its gateway serves
 * @param currentGeneration     the latest committed change generation
 * @param upToDate              up and serving the latest generation (as of its last heartbeat)
 * @param keyIds                the instance key ids it holds
 * @param sealingKeyIds         the instance key ids it seals under now: the active key when it holds it, and the
 *                              key of any transaction of its that sealed and has not ended (a rotation retires a
 *                              key only when no live node lists it here)
 */
public record NodeView(String name, String version, Instant startedAt, Instant lastHeartbeat,
                       long secondsSinceHeartbeat, boolean up, long generation, long currentGeneration,
                       boolean upToDate, List<String> keyIds, List<String> sealingKeyIds)
        implements Serializable {

    public NodeView {
        keyIds = List.copyOf(keyIds);
        sealingKeyIds = List.copyOf(sealingKeyIds);
    }
}
