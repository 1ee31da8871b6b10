package dev.certgate.gateway;

import dev.certgate.core.sni.SniSnapshot;

import java.util.Objects;

/**
 * Everything the gateway needs to answer, replaced as one immutable value after each committed change.
 *
 * @param certificates what to present per SNI name
 * @param routes       where to send the requests per Host
 */
public record GatewayState(SniSnapshot certificates, Routes routes) {

    private static final GatewayState EMPTY = new GatewayState(SniSnapshot.empty(), Routes.none());

    public GatewayState {
        Objects.requireNonNull(certificates, "certificates");
        Objects.requireNonNull(routes, "routes");
    }

    public static GatewayState empty() {
        return EMPTY;
    }
}
