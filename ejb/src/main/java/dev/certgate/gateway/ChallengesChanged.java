package dev.certgate.gateway;

/**
 * Fired inside the transaction that published an ACME challenge: the change sequence counts it, and after the commit
 * every node's gateway reloads its {@link PendingChallenges} (this node's before the publishing call returns, the
 * others through the cluster message or their poll).
 *
 * @param token the challenge's token
 */
public record ChallengesChanged(String token) {
}
