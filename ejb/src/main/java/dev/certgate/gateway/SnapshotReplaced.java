package dev.certgate.gateway;

/**
 * A CDI event: the gateway of this node now serves a new snapshot (fired synchronously by {@link Gateway} right after
 * the swap; observers must return quickly).
 *
 * @param generation the change generation the snapshot includes at least
 */
public record SnapshotReplaced(long generation) {
}
