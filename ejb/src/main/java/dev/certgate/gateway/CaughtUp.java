package dev.certgate.gateway;

/**
 * Fired (synchronously, outside any transaction) after the gateway caught up with changes it did not make itself: a
 * change committed on another node of the cluster, found by a cluster message or the poll. Capabilities that keep
 * local schedules from the database (ACME's wake-up for the next due domain) observe it to follow what the other
 * node changed.
 *
 * @param generation the change generation now served
 */
public record CaughtUp(long generation) {
}
