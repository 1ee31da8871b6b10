/**
 * What makes several certgate nodes on one database serve the same thing: the database's change sequence (bumped by
 * every transaction that changes what a gateway serves, polled by every node each second), the cluster message that
 * makes the other nodes refresh at once (WildFly's command dispatcher on the {@code ee} JGroups channel; a local one
 * on a single node), and the node registry (a heartbeat row per node). Nothing here accepts or returns null unless
 * documented.
 */
package dev.certgate.cluster;
