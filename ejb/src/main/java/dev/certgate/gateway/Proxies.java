package dev.certgate.gateway;

import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.ResponseCodeHandler;
import io.undertow.server.handlers.proxy.LoadBalancingProxyClient;
import io.undertow.server.handlers.proxy.ProxyHandler;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Undertow reverse proxy per application: round robin over its backends (a backend that fails is set aside and
 * retried later), X-Forwarded-For/-Proto/-Host/-Port added, connect and read timeouts ({@link TimedProxyClient}).
 * Kept across snapshots while an application's backends do not change, so its connection pools survive unrelated
 * changes.
 */
final class Proxies {

    private record Key(String applicationId, List<URI> backends) {
    }

    /**
     * Most connections to one backend per I/O thread. A request that finds none free waits in a queue (with a timer
     * and a hand-off), so this is well above the concurrent requests one thread carries; 20 made 12 of 32 keep-alive
     * clients queue on a one-thread gateway.
     */
    static final int CONNECTIONS_PER_THREAD = 128;
    /** Requests that may wait for a free connection, per backend and I/O thread; beyond, the 502 page at once. */
    static final int MAX_QUEUE = 1000;
    /** Idle connections kept per backend and I/O thread; idle ones beyond are closed after {@link #IDLE_CONNECTION_TTL}. */
    static final int IDLE_CONNECTIONS_KEPT = 16;
    static final Duration IDLE_CONNECTION_TTL = Duration.ofSeconds(60);

    private final Map<Key, HttpHandler> handlers = new ConcurrentHashMap<>();
    private final Duration connectTimeout;
    private final Duration readTimeout;

    /**
     * @param connectTimeout the longest wait for a backend connection
     * @param readTimeout    the longest wait for a backend's answer to start, once it has the request
     */
    Proxies(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = java.util.Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.readTimeout = java.util.Objects.requireNonNull(readTimeout, "readTimeout");
    }

    /** The read timeout, for the 504 page. */
    Duration readTimeout() {
        return readTimeout;
    }

    HttpHandler forRoute(Route route) {
        return handlers.computeIfAbsent(new Key(route.applicationId(), route.backends()), key -> {
            LoadBalancingProxyClient client = new LoadBalancingProxyClient()
                    .setConnectionsPerThread(CONNECTIONS_PER_THREAD)
                    .setSoftMaxConnectionsPerThread(IDLE_CONNECTIONS_KEPT)
                    .setTtl((int) IDLE_CONNECTION_TTL.toMillis())
                    .setProblemServerRetry(10)
                    .setMaxQueueSize(MAX_QUEUE);
            key.backends().forEach(client::addHost);
            return ProxyHandler.builder()
                    .setProxyClient(new TimedProxyClient(client, connectTimeout, readTimeout))
                    // no maxRequestTime: it would bound the whole exchange (downloads, WebSockets); the timeouts
                    // above bound the waits instead
                    .setIdempotentRequestPredicate(TimedProxyClient.RETRY_UNLESS_TIMED_OUT)
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
