package dev.certgate.gateway;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Domains to routes, immutable: the exact host first, then the one-label wildcard covering it. O(1) per request.
 */
public final class Routes {

    private static final Routes NONE = new Routes(Map.of());

    private final Map<String, Route> byDomain;

    private Routes(Map<String, Route> byDomain) {
        this.byDomain = Map.copyOf(byDomain);
    }

    /** @param byDomain normalised domain names (lower case; wildcards as {@code *.example.com}) to routes */
    public static Routes of(Map<String, Route> byDomain) {
        return new Routes(byDomain);
    }

    public static Routes none() {
        return NONE;
    }

    /**
     * The route for a request's host.
     *
     * @param host the Host header's name (any case, without port); null when absent
     */
    public Optional<Route> find(String host) {
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        Route exact = byDomain.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        int dot = name.indexOf('.');
        return dot > 0 ? Optional.ofNullable(byDomain.get("*" + name.substring(dot))) : Optional.empty();
    }

    /** Every route (a route shared by several domains appears once per domain). */
    public java.util.Collection<Route> all() {
        return byDomain.values();
    }

    public int size() {
        return byDomain.size();
    }
}
