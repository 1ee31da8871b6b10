package dev.certgate.gateway;

import dev.certgate.api.HostName;

import java.util.Map;
import java.util.Optional;

/**
 * Domains to routes, immutable: the exact host first, then the one-label wildcard covering it
 * ({@link HostName#coveringNames()}, the rule the gateway serves certificates by). O(1) per request.
 */
public final class Routes {

    private static final Routes NONE = new Routes(Map.of());

    private final Map<String, Route> byDomain;

    private Routes(Map<String, Route> byDomain) {
        this.byDomain = Map.copyOf(byDomain);
    }

    /** @param byDomain domain names as {@link HostName#toString()} writes them (stored domains) to routes */
    public static Routes of(Map<String, Route> byDomain) {
        return new Routes(byDomain);
    }

    public static Routes none() {
        return NONE;
    }

    /**
     * The route for a request's host.
     *
     * @param host the Host header's name (without port) as {@link HostName#fromWire} read it; null when absent or
     *             not a host name
     */
    public Optional<Route> find(HostName host) {
        if (host == null) {
            return Optional.empty();
        }
        for (String name : host.coveringNames()) {
            Route route = byDomain.get(name);
            if (route != null) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    /** Every route (a route shared by several domains appears once per domain). */
    public java.util.Collection<Route> all() {
        return byDomain.values();
    }

    public int size() {
        return byDomain.size();
    }
}
