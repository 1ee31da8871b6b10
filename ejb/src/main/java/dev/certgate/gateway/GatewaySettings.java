package dev.certgate.gateway;

import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the gateway listens and how long it waits for backends, from system properties (set with {@code -D} or
 * jboss-cli {@code /system-property}; read once, when the gateway starts).
 *
 * @param bindAddress         {@value #BIND_PROPERTY}, default {@value #DEFAULT_BIND}
 * @param httpsPort           {@value #HTTPS_PORT_PROPERTY}, default {@value #DEFAULT_HTTPS_PORT} (production: 443)
 * @param httpPort            {@value #HTTP_PORT_PROPERTY}, default {@value #DEFAULT_HTTP_PORT} (production: 80)
 * @param proxyConnectTimeout {@value #PROXY_CONNECT_TIMEOUT_PROPERTY}, default {@value #DEFAULT_PROXY_CONNECT_TIMEOUT}:
 *                            the longest the gateway waits to open a connection to a backend (or for a free pooled
 *                            one); then it tries another backend, and when none is left answers 502
 * @param proxyReadTimeout    {@value #PROXY_READ_TIMEOUT_PROPERTY}, default {@value #DEFAULT_PROXY_READ_TIMEOUT}: the
 *                            longest a backend may take, once it has the whole request, to start its answer; then
 *                            the gateway drops that backend connection and answers 504. An answer that has started
 *                            (a download, a WebSocket) is not cut
 * @param ioThreads           {@value #IO_THREADS_PROPERTY}, default the number of processors the JVM may use (1 to
 *                            {@value #MAX_IO_THREADS}): the threads that do the gateway's TLS and proxying. Every
 *                            request is handled on one of them without a hand-off, so more threads than cores only
 *                            adds context switches
 * @param limits              what a client gets before the gateway hangs up: deadlines, connection caps, HTTP/2
 *                            limits ({@link GatewayLimits}, each its own property)
 */
public record GatewaySettings(String bindAddress, int httpsPort, int httpPort, Duration proxyConnectTimeout,
                              Duration proxyReadTimeout, int ioThreads, GatewayLimits limits) {

    public static final String BIND_PROPERTY = "certgate.gateway.bind-address";
    public static final String HTTPS_PORT_PROPERTY = "certgate.gateway.https-port";
    public static final String HTTP_PORT_PROPERTY = "certgate.gateway.http-port";
    public static final String PROXY_CONNECT_TIMEOUT_PROPERTY = "certgate.gateway.proxy.connect-timeout";
    public static final String PROXY_READ_TIMEOUT_PROPERTY = "certgate.gateway.proxy.read-timeout";
    public static final String IO_THREADS_PROPERTY = "certgate.gateway.io-threads";
    public static final int MAX_IO_THREADS = 256;
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_HTTPS_PORT = 9443;
    public static final int DEFAULT_HTTP_PORT = 9080;
    public static final String DEFAULT_PROXY_CONNECT_TIMEOUT = "5s";
    public static final String DEFAULT_PROXY_READ_TIMEOUT = "60s";

    /** Timeouts are whole milliseconds from 1 ms to 1 hour. */
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,10})\\s*(ms|s|m)?");

    public GatewaySettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        requirePort(httpsPort, HTTPS_PORT_PROPERTY);
        requirePort(httpPort, HTTP_PORT_PROPERTY);
        if (httpsPort == httpPort) {
            throw new IllegalArgumentException(HTTPS_PORT_PROPERTY + " and " + HTTP_PORT_PROPERTY + " must differ");
        }
        requireTimeout(proxyConnectTimeout, PROXY_CONNECT_TIMEOUT_PROPERTY);
        requireTimeout(proxyReadTimeout, PROXY_READ_TIMEOUT_PROPERTY);
        if (ioThreads < 1 || ioThreads > MAX_IO_THREADS) {
            throw new IllegalArgumentException(IO_THREADS_PROPERTY + " must be from 1 to " + MAX_IO_THREADS + ", not "
                    + ioThreads);
        }
        Objects.requireNonNull(limits, "limits");
    }

    /** The settings with the default number of I/O threads and the default limits. */
    public GatewaySettings(String bindAddress, int httpsPort, int httpPort, Duration proxyConnectTimeout,
                           Duration proxyReadTimeout) {
        this(bindAddress, httpsPort, httpPort, proxyConnectTimeout, proxyReadTimeout, defaultIoThreads(),
                GatewayLimits.defaults());
    }

    /** A copy with other limits. */
    public GatewaySettings withLimits(GatewayLimits other) {
        return new GatewaySettings(bindAddress, httpsPort, httpPort, proxyConnectTimeout, proxyReadTimeout, ioThreads,
                other);
    }

    /** One I/O thread per processor the JVM may use (a JVM pinned to one core gets one). */
    static int defaultIoThreads() {
        return Math.min(Runtime.getRuntime().availableProcessors(), MAX_IO_THREADS);
    }

    /** The settings in force, from the system properties. */
    public static GatewaySettings fromSystemProperties() {
        return from(System::getProperty);
    }

    /**
     * The settings from {@code properties} (a property's value, or null when it is not set).
     *
     * @throws IllegalArgumentException naming the property, when a value is not valid
     */
    static GatewaySettings from(UnaryOperator<String> properties) {
        return new GatewaySettings(value(properties, BIND_PROPERTY, DEFAULT_BIND),
                port(properties, HTTPS_PORT_PROPERTY, DEFAULT_HTTPS_PORT),
                port(properties, HTTP_PORT_PROPERTY, DEFAULT_HTTP_PORT),
                duration(properties, PROXY_CONNECT_TIMEOUT_PROPERTY, DEFAULT_PROXY_CONNECT_TIMEOUT),
                duration(properties, PROXY_READ_TIMEOUT_PROPERTY, DEFAULT_PROXY_READ_TIMEOUT),
                count(properties, IO_THREADS_PROPERTY, defaultIoThreads()),
                GatewayLimits.from(properties));
    }

    static String value(UnaryOperator<String> properties, String property, String defaultValue) {
        String value = properties.apply(property);
        return value == null || value.isBlank() ? defaultValue : value.strip();
    }

    private static int port(UnaryOperator<String> properties, String property, int defaultPort) {
        String port = value(properties, property, Integer.toString(defaultPort));
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + " must be a port number, not '" + port + "'", e);
        }
    }

    private static int count(UnaryOperator<String> properties, String property, int defaultCount) {
        String count = value(properties, property, Integer.toString(defaultCount));
        try {
            return Integer.parseInt(count);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + " must be a whole number from 1 to " + MAX_IO_THREADS
                    + ", not '" + count + "'", e);
        }
    }

    /** A duration written as a whole number with a unit: {@code 500ms}, {@code 5s}, {@code 2m}; no unit is seconds. */
    static Duration duration(UnaryOperator<String> properties, String property, String defaultValue) {
        String text = value(properties, property, defaultValue);
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(property + " must be a duration such as 500ms, 5s or 2m (no unit: "
                    + "seconds), not '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        Duration duration = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(Math.min(amount, MAX_TIMEOUT.toMinutes() + 1));
            default -> Duration.ofSeconds(Math.min(amount, MAX_TIMEOUT.toSeconds() + 1));
        };
        if (duration.isZero() || duration.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(property + " must be from 1ms to 1 hour (60m), not '" + text + "'");
        }
        return duration;
    }

    private static void requirePort(int port, String property) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(property + " must be a port from 1 to 65535, not " + port);
        }
    }

    static void requireTimeout(Duration timeout, String property) {
        Objects.requireNonNull(timeout, property);
        if (timeout.toMillis() < 1 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(property + " must be from 1ms to 1 hour (60m), not " + timeout);
        }
    }
}
