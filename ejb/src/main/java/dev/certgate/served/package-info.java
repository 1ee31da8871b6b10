/**
 * The served-certificate check: every {@code certgate.gateway.served-check.interval} and after every snapshot
 * change, this node opens a TLS connection to its own gateway for each stored name (one at a time, at most 4 a
 * second) and compares the chain it receives with the store ({@link dev.certgate.core.served.ServedJudge}). A
 * problem seen twice (a second look 2 s later, after a fresh read of the store, so that a change being loaded is not
 * taken for one) raises a {@code SERVED_MISMATCH} alert through {@code dev.certgate.alerts}, shows on the Dashboard
 * and the certificate's page ({@link dev.certgate.api.ServedCheckService}) and counts in the metrics.
 */
package dev.certgate.served;
