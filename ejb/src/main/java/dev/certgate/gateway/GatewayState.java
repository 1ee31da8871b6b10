package dev.certgate.gateway;

import dev.certgate.core.sni.SniSnapshot;

import java.util.Objects;

/**
 * Everything the gateway needs to answer, replaced as one immutable value after each committed change.
 *
 * @param certificates what to present per SNI name
 * @param routes       where to send the requests per Host
 * @param challenges   the ACME challenges to answer
 */
public record GatewayState(SniSnapshot certificates, Routes routes, PendingChallenges challenges) {

    private static final GatewayState EMPTY = new GatewayState(SniSnapshot.empty(), Routes.none(),
            PendingChallenges.none());

    public GatewayState {
        Objects.requireNonNull(certificates, "certificates");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(challenges, "challenges");
    }

    public static GatewayState empty() {
        return EMPTY;
    }
}
