package dev.certgate.gateway;

import dev.certgate.settings.CertgateSettings;
import dev.certgate.settings.Setting;

import java.time.Duration;

/**
 * How much the gateway gives a client before it hangs up: the deadlines that close slow or silent connections
 * (slowloris, handshakes never finished), the caps on connections overall and per client address, and the HTTP/2
 * limits (streams, header list, the rapid-reset guard of CVE-2023-44487): the gateway's part of
 * {@link CertgateSettings}, read once at start (docs/configuration.md); every default is safe on a public address.
 *
 * @param handshakeTimeout         {@code certgate.gateway.tls.handshake-timeout}, default 10s:
 *                                 a TLS connection that has not finished its handshake this long after it was
 *                                 accepted is closed
 * @param requestHeaderTimeout     {@code certgate.gateway.request-header-timeout}, default
 *                                 15s: once a request's first bytes are in, its
 *                                 whole header must be in within this time (Undertow's request-parse timeout), else
 *                                 the connection is closed — the slowloris defence
 * @param idleTimeout              {@code certgate.gateway.idle-timeout}, default 60s: a
 *                                 connection with no request in progress (keep-alive between requests, or an HTTP/2
 *                                 connection with no stream) is closed after this long
 * @param maxHeaderSize            {@code certgate.gateway.max-header-size}, default 32768
 *                                 bytes: the longest HTTP/1.1 request line and header together; a longer one ends
 *                                 the connection
 * @param maxConnections           {@code certgate.gateway.max-connections}, default 10000: open
 *                                 connections on both gateway ports together; one more is closed as soon as it is
 *                                 accepted
 * @param maxConnectionsPerAddress {@code certgate.gateway.max-connections-per-address}, default
 *                                 256: open connections from one client
 *                                 address (browsers open about six per site; many users behind one NAT share an
 *                                 address)
 * @param http2MaxConcurrentStreams {@code certgate.gateway.http2.max-concurrent-streams}, default
 *                                 100: streams one HTTP/2 connection may
 *                                 have open at once (announced in the gateway's SETTINGS; Undertow's own default is
 *                                 unlimited)
 * @param http2MaxHeaderListSize   {@code certgate.gateway.http2.max-header-list-size}, default
 *                                 16384 bytes: the largest header list of one
 *                                 HTTP/2 request (RFC 9113's size: names, values and 32 bytes per field); Undertow
 *                                 applies the lowest of this, {@code maxHeaderSize} and its JVM-wide
 *                                 {@code io.undertow.http2-max-header-size} (default 20 000)
 * @param http2MaxResets           {@code certgate.gateway.http2.max-resets}, default 200:
 *                                 the rapid-reset guard — a client that cancels more streams (RST_STREAM) than this
 *                                 within {@code http2ResetWindow} gets GOAWAY (ENHANCE_YOUR_CALM) and no new stream
 * @param http2ResetWindow         {@code certgate.gateway.http2.reset-window}, default 30s
 */
public record GatewayLimits(Duration handshakeTimeout, Duration requestHeaderTimeout, Duration idleTimeout,
                            int maxHeaderSize, int maxConnections, int maxConnectionsPerAddress,
                            int http2MaxConcurrentStreams, int http2MaxHeaderListSize, int http2MaxResets,
                            Duration http2ResetWindow) {

    /** Sizes are from 1 KiB to 1 MiB (Undertow's own header size default is 1 MiB). */
    static final int MIN_SIZE = 1_024;
    static final int MAX_SIZE = 1_048_576;
    static final int MAX_COUNT = CertgateSettings.MAX_LIMIT_COUNT;

    /** Guards the invariants; the messages name the settings (values from a test or from {@link #of}). */
    public GatewayLimits {
        GatewaySettings.requireTimeout(handshakeTimeout, CertgateSettings.GATEWAY_TLS_HANDSHAKE_TIMEOUT.name());
        GatewaySettings.requireTimeout(requestHeaderTimeout, CertgateSettings.GATEWAY_REQUEST_HEADER_TIMEOUT.name());
        GatewaySettings.requireTimeout(idleTimeout, CertgateSettings.GATEWAY_IDLE_TIMEOUT.name());
        GatewaySettings.requireTimeout(http2ResetWindow, CertgateSettings.GATEWAY_HTTP2_RESET_WINDOW.name());
        requireSize(maxHeaderSize, CertgateSettings.GATEWAY_MAX_HEADER_SIZE.name());
        requireSize(http2MaxHeaderListSize, CertgateSettings.GATEWAY_HTTP2_MAX_HEADER_LIST_SIZE.name());
        requireCount(maxConnections, CertgateSettings.GATEWAY_MAX_CONNECTIONS.name());
        requireCount(maxConnectionsPerAddress, CertgateSettings.GATEWAY_MAX_CONNECTIONS_PER_ADDRESS.name());
        requireCount(http2MaxConcurrentStreams, CertgateSettings.GATEWAY_HTTP2_MAX_CONCURRENT_STREAMS.name());
        requireCount(http2MaxResets, CertgateSettings.GATEWAY_HTTP2_MAX_RESETS.name());
        if (maxConnectionsPerAddress > maxConnections) {
            throw new IllegalArgumentException(CertgateSettings.GATEWAY_MAX_CONNECTIONS_PER_ADDRESS.name() + " ("
                    + maxConnectionsPerAddress + ") must not be more than "
                    + CertgateSettings.GATEWAY_MAX_CONNECTIONS.name() + " (" + maxConnections + ")");
        }
    }

    /** The defaults (those of {@link CertgateSettings}). */
    public static GatewayLimits defaults() {
        return new GatewayLimits(value(CertgateSettings.GATEWAY_TLS_HANDSHAKE_TIMEOUT),
                value(CertgateSettings.GATEWAY_REQUEST_HEADER_TIMEOUT), value(CertgateSettings.GATEWAY_IDLE_TIMEOUT),
                value(CertgateSettings.GATEWAY_MAX_HEADER_SIZE), value(CertgateSettings.GATEWAY_MAX_CONNECTIONS),
                value(CertgateSettings.GATEWAY_MAX_CONNECTIONS_PER_ADDRESS),
                value(CertgateSettings.GATEWAY_HTTP2_MAX_CONCURRENT_STREAMS),
                value(CertgateSettings.GATEWAY_HTTP2_MAX_HEADER_LIST_SIZE),
                value(CertgateSettings.GATEWAY_HTTP2_MAX_RESETS), value(CertgateSettings.GATEWAY_HTTP2_RESET_WINDOW));
    }

    private static <T> T value(Setting<T> setting) {
        return setting.defaultValue().orElseThrow();
    }

    /** The limits among the settings read at start. */
    public static GatewayLimits of(CertgateSettings settings) {
        return new GatewayLimits(settings.gatewayHandshakeTimeout(), settings.gatewayRequestHeaderTimeout(),
                settings.gatewayIdleTimeout(), settings.gatewayMaxHeaderSize(), settings.gatewayMaxConnections(),
                settings.gatewayMaxConnectionsPerAddress(), settings.gatewayHttp2MaxConcurrentStreams(),
                settings.gatewayHttp2MaxHeaderListSize(), settings.gatewayHttp2MaxResets(),
                settings.gatewayHttp2ResetWindow());
    }

    /** A changed copy, for tests and callers that tune one value. */
    public GatewayLimits withDeadlines(Duration handshake, Duration requestHeader, Duration idle) {
        return new GatewayLimits(handshake, requestHeader, idle, maxHeaderSize, maxConnections,
                maxConnectionsPerAddress, http2MaxConcurrentStreams, http2MaxHeaderListSize, http2MaxResets,
                http2ResetWindow);
    }

    /** A changed copy with other connection caps. */
    public GatewayLimits withConnections(int overall, int perAddress) {
        return new GatewayLimits(handshakeTimeout, requestHeaderTimeout, idleTimeout, maxHeaderSize, overall,
                perAddress, http2MaxConcurrentStreams, http2MaxHeaderListSize, http2MaxResets, http2ResetWindow);
    }

    /** A changed copy with other HTTP/2 limits. */
    public GatewayLimits withHttp2(int maxConcurrentStreams, int maxHeaderListSize, int maxResets,
                                   Duration resetWindow) {
        return new GatewayLimits(handshakeTimeout, requestHeaderTimeout, idleTimeout, maxHeaderSize, maxConnections,
                maxConnectionsPerAddress, maxConcurrentStreams, maxHeaderListSize, maxResets, resetWindow);
    }

    /** A changed copy with another HTTP/1.1 header size cap. */
    public GatewayLimits withMaxHeaderSize(int bytes) {
        return new GatewayLimits(handshakeTimeout, requestHeaderTimeout, idleTimeout, bytes, maxConnections,
                maxConnectionsPerAddress, http2MaxConcurrentStreams, http2MaxHeaderListSize, http2MaxResets,
                http2ResetWindow);
    }

    private static void requireSize(int bytes, String property) {
        if (bytes < MIN_SIZE || bytes > MAX_SIZE) {
            throw new IllegalArgumentException(property + " must be from " + MIN_SIZE + " to " + MAX_SIZE
                    + " bytes, not " + bytes);
        }
    }

    private static void requireCount(int count, String property) {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException(property + " must be from 1 to " + MAX_COUNT + ", not " + count);
        }
    }

    @Override
    public String toString() {
        return "handshake " + handshakeTimeout.toMillis() + " ms, request header " + requestHeaderTimeout.toMillis()
                + " ms, idle " + idleTimeout.toMillis() + " ms, header " + maxHeaderSize + " B, connections "
                + maxConnections + " (" + maxConnectionsPerAddress + " per address), h2 streams "
                + http2MaxConcurrentStreams + ", h2 header list " + http2MaxHeaderListSize + " B, h2 resets "
                + http2MaxResets + " per " + http2ResetWindow.toMillis() + " ms";
    }
}
