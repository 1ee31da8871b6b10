package dev.certgate.gateway;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much the gateway gives a client before it hangs up: the deadlines that close slow or silent connections
 * (slowloris, handshakes never finished), the caps on connections overall and per client address, and the HTTP/2
 * limits (streams, header list, the rapid-reset guard of CVE-2023-44487). From system properties, read once when the
 * gateway starts; every one has a default that is safe on a public address.
 *
 * @param handshakeTimeout         {@value #HANDSHAKE_TIMEOUT_PROPERTY}, default {@value #DEFAULT_HANDSHAKE_TIMEOUT}:
 *                                 a TLS connection that has not finished its handshake this long after it was
 *                                 accepted is closed
 * @param requestHeaderTimeout     {@value #REQUEST_HEADER_TIMEOUT_PROPERTY}, default
 *                                 {@value #DEFAULT_REQUEST_HEADER_TIMEOUT}: once a request's first bytes are in, its
 *                                 whole header must be in within this time (Undertow's request-parse timeout), else
 *                                 the connection is closed — the slowloris defence
 * @param idleTimeout              {@value #IDLE_TIMEOUT_PROPERTY}, default {@value #DEFAULT_IDLE_TIMEOUT}: a
 *                                 connection with no request in progress (keep-alive between requests, or an HTTP/2
 *                                 connection with no stream) is closed after this long
 * @param maxHeaderSize            {@value #MAX_HEADER_SIZE_PROPERTY}, default {@value #DEFAULT_MAX_HEADER_SIZE}
 *                                 bytes: the longest HTTP/1.1 request line and header together; a longer one ends
 *                                 the connection
 * @param maxConnections           {@value #MAX_CONNECTIONS_PROPERTY}, default {@value #DEFAULT_MAX_CONNECTIONS}: open
 *                                 connections on both gateway ports together; one more is closed as soon as it is
 *                                 accepted
 * @param maxConnectionsPerAddress {@value #MAX_CONNECTIONS_PER_ADDRESS_PROPERTY}, default
 *                                 {@value #DEFAULT_MAX_CONNECTIONS_PER_ADDRESS}: open connections from one client
 *                                 address (browsers open about six per site; many users behind one NAT share an
 *                                 address)
 * @param http2MaxConcurrentStreams {@value #HTTP2_MAX_CONCURRENT_STREAMS_PROPERTY}, default
 *                                 {@value #DEFAULT_HTTP2_MAX_CONCURRENT_STREAMS}: streams one HTTP/2 connection may
 *                                 have open at once (announced in the gateway's SETTINGS; Undertow's own default is
 *                                 unlimited)
 * @param http2MaxHeaderListSize   {@value #HTTP2_MAX_HEADER_LIST_SIZE_PROPERTY}, default
 *                                 {@value #DEFAULT_HTTP2_MAX_HEADER_LIST_SIZE} bytes: the largest header list of one
 *                                 HTTP/2 request (RFC 9113's size: names, values and 32 bytes per field); Undertow
 *                                 applies the lowest of this, {@code maxHeaderSize} and its JVM-wide
 *                                 {@code io.undertow.http2-max-header-size} (default 20 000)
 * @param http2MaxResets           {@value #HTTP2_MAX_RESETS_PROPERTY}, default {@value #DEFAULT_HTTP2_MAX_RESETS}:
 *                                 the rapid-reset guard — a client that cancels more streams (RST_STREAM) than this
 *                                 within {@code http2ResetWindow} gets GOAWAY (ENHANCE_YOUR_CALM) and no new stream
 * @param http2ResetWindow         {@value #HTTP2_RESET_WINDOW_PROPERTY}, default {@value #DEFAULT_HTTP2_RESET_WINDOW}
 */
public record GatewayLimits(Duration handshakeTimeout, Duration requestHeaderTimeout, Duration idleTimeout,
                            int maxHeaderSize, int maxConnections, int maxConnectionsPerAddress,
                            int http2MaxConcurrentStreams, int http2MaxHeaderListSize, int http2MaxResets,
                            Duration http2ResetWindow) {

    public static final String HANDSHAKE_TIMEOUT_PROPERTY = "certgate.gateway.tls.handshake-timeout";
    public static final String REQUEST_HEADER_TIMEOUT_PROPERTY = "certgate.gateway.request-header-timeout";
    public static final String IDLE_TIMEOUT_PROPERTY = "certgate.gateway.idle-timeout";
    public static final String MAX_HEADER_SIZE_PROPERTY = "certgate.gateway.max-header-size";
    public static final String MAX_CONNECTIONS_PROPERTY = "certgate.gateway.max-connections";
    public static final String MAX_CONNECTIONS_PER_ADDRESS_PROPERTY = "certgate.gateway.max-connections-per-address";
    public static final String HTTP2_MAX_CONCURRENT_STREAMS_PROPERTY = "certgate.gateway.http2.max-concurrent-streams";
    public static final String HTTP2_MAX_HEADER_LIST_SIZE_PROPERTY = "certgate.gateway.http2.max-header-list-size";
    public static final String HTTP2_MAX_RESETS_PROPERTY = "certgate.gateway.http2.max-resets";
    public static final String HTTP2_RESET_WINDOW_PROPERTY = "certgate.gateway.http2.reset-window";

    public static final String DEFAULT_HANDSHAKE_TIMEOUT = "10s";
    public static final String DEFAULT_REQUEST_HEADER_TIMEOUT = "15s";
    public static final String DEFAULT_IDLE_TIMEOUT = "60s";
    public static final int DEFAULT_MAX_HEADER_SIZE = 32_768;
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 256;
    public static final int DEFAULT_HTTP2_MAX_CONCURRENT_STREAMS = 100;
    public static final int DEFAULT_HTTP2_MAX_HEADER_LIST_SIZE = 16_384;
    public static final int DEFAULT_HTTP2_MAX_RESETS = 200;
    public static final String DEFAULT_HTTP2_RESET_WINDOW = "30s";

    /** Sizes are from 1 KiB to 1 MiB (Undertow's own header size default is 1 MiB). */
    static final int MIN_SIZE = 1_024;
    static final int MAX_SIZE = 1_048_576;
    static final int MAX_COUNT = 1_000_000;
    private static final Pattern SIZE = Pattern.compile("(\\d{1,10})\\s*(k|K|KiB)?");

    public GatewayLimits {
        GatewaySettings.requireTimeout(handshakeTimeout, HANDSHAKE_TIMEOUT_PROPERTY);
        GatewaySettings.requireTimeout(requestHeaderTimeout, REQUEST_HEADER_TIMEOUT_PROPERTY);
        GatewaySettings.requireTimeout(idleTimeout, IDLE_TIMEOUT_PROPERTY);
        GatewaySettings.requireTimeout(http2ResetWindow, HTTP2_RESET_WINDOW_PROPERTY);
        requireSize(maxHeaderSize, MAX_HEADER_SIZE_PROPERTY);
        requireSize(http2MaxHeaderListSize, HTTP2_MAX_HEADER_LIST_SIZE_PROPERTY);
        requireCount(maxConnections, MAX_CONNECTIONS_PROPERTY);
        requireCount(maxConnectionsPerAddress, MAX_CONNECTIONS_PER_ADDRESS_PROPERTY);
        requireCount(http2MaxConcurrentStreams, HTTP2_MAX_CONCURRENT_STREAMS_PROPERTY);
        requireCount(http2MaxResets, HTTP2_MAX_RESETS_PROPERTY);
        if (maxConnectionsPerAddress > maxConnections) {
            throw new IllegalArgumentException(MAX_CONNECTIONS_PER_ADDRESS_PROPERTY + " (" + maxConnectionsPerAddress
                    + ") must not be more than " + MAX_CONNECTIONS_PROPERTY + " (" + maxConnections + ")");
        }
    }

    /** The defaults. */
    public static GatewayLimits defaults() {
        return from(name -> null);
    }

    /**
     * The limits from {@code properties} (a property's value, or null when it is not set).
     *
     * @throws IllegalArgumentException naming the property, when a value is not valid
     */
    static GatewayLimits from(UnaryOperator<String> properties) {
        return new GatewayLimits(
                GatewaySettings.duration(properties, HANDSHAKE_TIMEOUT_PROPERTY, DEFAULT_HANDSHAKE_TIMEOUT),
                GatewaySettings.duration(properties, REQUEST_HEADER_TIMEOUT_PROPERTY, DEFAULT_REQUEST_HEADER_TIMEOUT),
                GatewaySettings.duration(properties, IDLE_TIMEOUT_PROPERTY, DEFAULT_IDLE_TIMEOUT),
                size(properties, MAX_HEADER_SIZE_PROPERTY, DEFAULT_MAX_HEADER_SIZE),
                count(properties, MAX_CONNECTIONS_PROPERTY, DEFAULT_MAX_CONNECTIONS),
                count(properties, MAX_CONNECTIONS_PER_ADDRESS_PROPERTY, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS),
                count(properties, HTTP2_MAX_CONCURRENT_STREAMS_PROPERTY, DEFAULT_HTTP2_MAX_CONCURRENT_STREAMS),
                size(properties, HTTP2_MAX_HEADER_LIST_SIZE_PROPERTY, DEFAULT_HTTP2_MAX_HEADER_LIST_SIZE),
                count(properties, HTTP2_MAX_RESETS_PROPERTY, DEFAULT_HTTP2_MAX_RESETS),
                GatewaySettings.duration(properties, HTTP2_RESET_WINDOW_PROPERTY, DEFAULT_HTTP2_RESET_WINDOW));
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

    /** A size in bytes, or in KiB with a {@code k} (or {@code KiB}) suffix: {@code 32768}, {@code 32k}. */
    private static int size(UnaryOperator<String> properties, String property, int defaultSize) {
        String text = GatewaySettings.value(properties, property, Integer.toString(defaultSize));
        Matcher matcher = SIZE.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(property + " must be a size in bytes such as 16384 or 16k, not '"
                    + text + "'");
        }
        long bytes = Long.parseLong(matcher.group(1)) * (matcher.group(2) == null ? 1 : 1024);
        if (bytes < MIN_SIZE || bytes > MAX_SIZE) {
            throw new IllegalArgumentException(property + " must be from 1k to 1024k (1 MiB), not '" + text + "'");
        }
        return (int) bytes;
    }

    private static int count(UnaryOperator<String> properties, String property, int defaultCount) {
        String text = GatewaySettings.value(properties, property, Integer.toString(defaultCount));
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + " must be a whole number from 1 to " + MAX_COUNT + ", not '"
                    + text + "'", e);
        }
    }

    private static void requireSize(int bytes, String property) {
        if (bytes < MIN_SIZE || bytes > MAX_SIZE) {
            throw new IllegalArgumentException(property + " must be from 1k to 1024k (1 MiB), not " + bytes);
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
