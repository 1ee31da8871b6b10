package dev.certgate.gateway;

import dev.certgate.api.HostName;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers every request the gateway terminates. On the HTTP port: an ACME HTTP-01 challenge from the challenge
 * store, else a redirect to HTTPS when the domain asks for it, else the proxy. On the HTTPS port: the proxy, with
 * HSTS when the domain asks for it. An unknown host gets a 404 page; a backend that fails, a 502 or 504 page.
 */
final class GatewayHandler implements HttpHandler {

    static final String CHALLENGE_PREFIX = "/.well-known/acme-challenge/";
    static final String HSTS = "max-age=31536000";
    private static final HttpString STRICT_TRANSPORT_SECURITY = new HttpString("Strict-Transport-Security");
    private static final HttpString FORWARDED = new HttpString("Forwarded");
    private static final HttpString X_REAL_IP = new HttpString("X-Real-IP");
    private static final String X_FORWARDED_PREFIX = "X-Forwarded-";
    private static final AttachmentKey<String> FORWARDED_FOR = AttachmentKey.create(String.class);

    private final Supplier<GatewayState> state;
    private final Proxies proxies;
    private final Function<String, Optional<String>> challenges;
    private final int httpsPort;
    private final Proxied proxied;

    /** Told how each proxied request ended (the metrics). */
    @FunctionalInterface
    interface Proxied {
        void ended(int status, String backend);
    }

    GatewayHandler(Supplier<GatewayState> state, Proxies proxies, Function<String, Optional<String>> challenges,
                   int httpsPort) {
        this(state, proxies, challenges, httpsPort, (status, backend) -> { });
    }

    /**
     * @param state      the current state, read per request
     * @param proxies    the reverse proxies per application
     * @param challenges a token's key authorization, from the snapshot's pending challenges (a map lookup, answered
     *                   on the I/O thread)
     * @param httpsPort  for redirects
     * @param proxied    told the status of each proxied request and its application (the backend pool)
     */
    GatewayHandler(Supplier<GatewayState> state, Proxies proxies, Function<String, Optional<String>> challenges,
                   int httpsPort, Proxied proxied) {
        this.state = state;
        this.proxies = proxies;
        this.challenges = challenges;
        this.httpsPort = httpsPort;
        this.proxied = proxied;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        boolean secure = exchange.isSecure();
        String path = exchange.getRequestPath();
        if (!secure && path.startsWith(CHALLENGE_PREFIX)) {
            answerChallenge(exchange, path.substring(CHALLENGE_PREFIX.length()));
            return;
        }
        String host = exchange.getHostName();
        Optional<Route> route = state.get().routes().find(HostName.fromWire(host).orElse(null));
        if (route.isEmpty()) {
            page(exchange, StatusCodes.NOT_FOUND, "No application here",
                    "certgate has no application for " + escape(host) + ".");
            return;
        }
        Route target = route.get();
        if (!secure && target.redirectHttps()) {
            String location = "https://" + hostForUrl(host) + (httpsPort == 443 ? "" : ":" + httpsPort)
                    + exchange.getRequestURI()
                    + (exchange.getQueryString().isEmpty() ? "" : "?" + exchange.getQueryString());
            exchange.setStatusCode(StatusCodes.MOVED_PERMANENTLY);
            exchange.getResponseHeaders().put(Headers.LOCATION, location);
            exchange.endExchange();
            return;
        }
        if (secure && target.hsts()) {
            exchange.getResponseHeaders().put(STRICT_TRANSPORT_SECURITY, HSTS);
        }
        removeForwardingHeaders(exchange.getRequestHeaders());
        exchange.getRequestHeaders().put(FORWARDED, "for=\"" + forwardedFor(exchange) + "\";proto="
                + (secure ? "https" : "http") + ";host=\"" + exchange.getHostAndPort() + "\"");
        exchange.addDefaultResponseListener(failed -> {
            int status = failed.getStatusCode();
            if (!failed.isResponseChannelAvailable() || status < 500) {
                return false;
            }
            if (status == StatusCodes.GATEWAY_TIME_OUT || failed.getAttachment(TimedProxyClient.TIMED_OUT) != null) {
                page(failed, StatusCodes.GATEWAY_TIME_OUT, "The application did not answer in time",
                        "The backend of " + escape(target.applicationName()) + " did not answer within "
                                + seconds(proxies.readTimeout()) + ". Try again later.");
            } else {
                page(failed, StatusCodes.BAD_GATEWAY, "The application cannot be reached",
                        "No backend of " + escape(target.applicationName()) + " answered. Try again in a moment.");
            }
            return true;
        });
        exchange.addExchangeCompleteListener((done, next) -> {
            proxied.ended(done.getStatusCode(), target.applicationName());
            next.proceed();
        });
        proxies.forRoute(target).handleRequest(exchange);
    }

    /**
     * Removes what a client may have sent to pass for a proxy in front of certgate: {@code Forwarded},
     * {@code X-Real-IP} and every {@code X-Forwarded-*} header (Undertow's proxy only sets {@code X-Forwarded-Host},
     * {@code -Server} and {@code -Prefix} when absent, so a client's own would reach the backend: host-header
     * poisoning of password-reset links and caches). certgate then sets its own {@code Forwarded} and, through the
     * proxy, {@code X-Forwarded-For}, {@code -Proto}, {@code -Host} and {@code -Port}.
     */
    static void removeForwardingHeaders(HeaderMap headers) {
        headers.remove(FORWARDED);
        headers.remove(X_REAL_IP);
        List<HttpString> spoofed = null;
        for (HttpString name : headers.getHeaderNames()) {
            if (name.length() > X_FORWARDED_PREFIX.length()
                    && name.toString().regionMatches(true, 0, X_FORWARDED_PREFIX, 0, X_FORWARDED_PREFIX.length())) {
                if (spoofed == null) {
                    spoofed = new ArrayList<>(2);
                }
                spoofed.add(name);
            }
        }
        if (spoofed != null) {
            spoofed.forEach(headers::remove);
        }
    }

    private void answerChallenge(HttpServerExchange exchange, String token) {
        Optional<String> keyAuthorization = token.isEmpty() || token.contains("/") ? Optional.empty()
                : challenges.apply(token);
        if (keyAuthorization.isEmpty()) {
            exchange.setStatusCode(StatusCodes.NOT_FOUND);
            exchange.endExchange();
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
        exchange.getResponseSender().send(keyAuthorization.get(), StandardCharsets.US_ASCII);
    }

    private static void page(HttpServerExchange exchange, int status, String title, String text) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=UTF-8");
        exchange.getResponseSender().send("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>"
                + title + "</title></head><body><h1>" + title + "</h1><p>" + text + "</p><p>" + status
                + " — certgate gateway</p></body></html>", StandardCharsets.UTF_8);
    }

    private static String seconds(java.time.Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** The client's address as Forwarded's {@code for}, worked out once per connection. */
    private static String forwardedFor(HttpServerExchange exchange) {
        ServerConnection connection = exchange.getConnection();
        String forwardedFor = connection.getAttachment(FORWARDED_FOR);
        if (forwardedFor == null) {
            String address = exchange.getSourceAddress() == null ? "unknown"
                    : exchange.getSourceAddress().getAddress().getHostAddress();
            forwardedFor = address.contains(":") ? "[" + address + "]" : address;
            connection.putAttachment(FORWARDED_FOR, forwardedFor);
        }
        return forwardedFor;
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
