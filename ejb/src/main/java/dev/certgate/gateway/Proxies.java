package dev.certgate.gateway;

import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.ResponseCodeHandler;
import io.undertow.server.handlers.proxy.LoadBalancingProxyClient;
import io.undertow.server.handlers.proxy.ProxyHandler;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Undertow reverse proxy per application: round robin over its backends (a backend that fails is set aside and
 * retried later), X-Forwarded-For/-Proto/-Host/-Port added. Kept across snapshots while an application's backends do
 * not change, so its connection pools survive unrelated changes.
 */
final class Proxies {

    /** The longest a proxied request may take, then 504. */
    static final int MAX_REQUEST_MILLIS = 60_000;

    private record Key(String applicationId, List<URI> backends) {
    }

    private final Map<Key, HttpHandler> handlers = new ConcurrentHashMap<>();

    HttpHandler forRoute(Route route) {
        return handlers.computeIfAbsent(new Key(route.applicationId(), route.backends()), key -> {
            LoadBalancingProxyClient client = new LoadBalancingProxyClient()
                    .setConnectionsPerThread(20)
                    .setProblemServerRetry(10)
                    .setMaxQueueSize(100);
            key.backends().forEach(client::addHost);
            return ProxyHandler.builder()
                    .setProxyClient(client)
                    .setMaxRequestTime(MAX_REQUEST_MILLIS)
                    .setReuseXForwarded(false)
                    .setRewriteHostHeader(false)
                    .setNext(ResponseCodeHandler.HANDLE_404)
                    .build();
        });
    }

    /** Forgets the proxies of applications that are gone or whose backends changed. */
    void retainOnly(java.util.Collection<Route> live) {
        handlers.keySet().removeIf(key -> live.stream().noneMatch(route ->
                route.applicationId().equals(key.applicationId()) && route.backends().equals(key.backends())));
    }
}
