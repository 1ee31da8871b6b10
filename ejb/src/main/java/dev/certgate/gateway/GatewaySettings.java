package dev.certgate.gateway;

import dev.certgate.settings.CertgateSettings;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the gateway listens and how long it waits for backends: the gateway's part of {@link CertgateSettings}, read
 * and validated there once, when the application starts (docs/configuration.md says what each one means).
 *
 * @param bindAddress         {@code certgate.gateway.bind-address}
 * @param httpsPort           {@code certgate.gateway.https-port} (production: 443)
 * @param httpPort            {@code certgate.gateway.http-port} (production: 80)
 * @param proxyConnectTimeout {@code certgate.gateway.proxy.connect-timeout}: the longest the gateway waits to open
 *                            a connection to a backend (or for a free pooled one); then it tries another backend,
 *                            and when none is left answers 502
 * @param proxyReadTimeout    {@code certgate.gateway.proxy.read-timeout}: the longest a backend may take, once it
 *                            has the whole request, to start its answer; then the gateway drops that backend
 *                            connection and answers 504. An answer that has started (a download, a WebSocket) is
 *                            not cut
 * @param ioThreads           {@code certgate.gateway.io-threads}: the threads that do the gateway's TLS and
 *                            proxying. Every request is handled on one of them without a hand-off, so more threads
 *                            than cores only adds context switches
 * @param limits              what a client gets before the gateway hangs up: deadlines, connection caps, HTTP/2
 *                            limits ({@link GatewayLimits})
 * @param tlsEngine           {@code certgate.gateway.tls-engine}: the TLS implementation asked for (the native one
 *                            falls back to JSSE where it cannot load)
 * @param tlsGroups           {@code certgate.gateway.tls-groups}: the key exchange groups of the native engine, in
 *                            order of preference
 */
public record GatewaySettings(String bindAddress, int httpsPort, int httpPort, Duration proxyConnectTimeout,
                              Duration proxyReadTimeout, int ioThreads, GatewayLimits limits, TlsEngine tlsEngine,
                              List<String> tlsGroups) {

    /** Guards the invariants; the messages name the settings (values from a test or from {@link #of}). */
    public GatewaySettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        requirePort(httpsPort, CertgateSettings.GATEWAY_HTTPS_PORT.name());
        requirePort(httpPort, CertgateSettings.GATEWAY_HTTP_PORT.name());
        if (httpsPort == httpPort) {
            throw new IllegalArgumentException(CertgateSettings.GATEWAY_HTTPS_PORT.name() + " and "
                    + CertgateSettings.GATEWAY_HTTP_PORT.name() + " must differ");
        }
        requireTimeout(proxyConnectTimeout, CertgateSettings.GATEWAY_PROXY_CONNECT_TIMEOUT.name());
        requireTimeout(proxyReadTimeout, CertgateSettings.GATEWAY_PROXY_READ_TIMEOUT.name());
        if (ioThreads < 1 || ioThreads > CertgateSettings.MAX_IO_THREADS) {
            throw new IllegalArgumentException(CertgateSettings.GATEWAY_IO_THREADS.name() + " must be from 1 to "
                    + CertgateSettings.MAX_IO_THREADS + ", not " + ioThreads);
        }
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(tlsEngine, "tlsEngine");
        tlsGroups = List.copyOf(tlsGroups);
        if (tlsGroups.isEmpty()) {
            throw new IllegalArgumentException(CertgateSettings.GATEWAY_TLS_GROUPS.name() + " names no group");
        }
    }

    /** The settings on the JSSE engine. */
    public GatewaySettings(String bindAddress, int httpsPort, int httpPort, Duration proxyConnectTimeout,
                           Duration proxyReadTimeout, int ioThreads, GatewayLimits limits) {
        this(bindAddress, httpsPort, httpPort, proxyConnectTimeout, proxyReadTimeout, ioThreads, limits,
                TlsEngine.JSSE, GatewayTls.DEFAULT_GROUPS);
    }

    /** The settings with the default limits. */
    public GatewaySettings(String bindAddress, int httpsPort, int httpPort, Duration proxyConnectTimeout,
                           Duration proxyReadTimeout, int ioThreads) {
        this(bindAddress, httpsPort, httpPort, proxyConnectTimeout, proxyReadTimeout, ioThreads,
                GatewayLimits.defaults());
    }

    /** The settings with the default number of I/O threads and the default limits. */
    public GatewaySettings(String bindAddress, int httpsPort, int httpPort, Duration proxyConnectTimeout,
                           Duration proxyReadTimeout) {
        this(bindAddress, httpsPort, httpPort, proxyConnectTimeout, proxyReadTimeout,
                CertgateSettings.GATEWAY_IO_THREADS.defaultValue().orElseThrow());
    }

    /** A copy with other limits. */
    public GatewaySettings withLimits(GatewayLimits other) {
        return new GatewaySettings(bindAddress, httpsPort, httpPort, proxyConnectTimeout, proxyReadTimeout, ioThreads,
                other, tlsEngine, tlsGroups);
    }

    /** A copy on another TLS engine. */
    public GatewaySettings withTlsEngine(TlsEngine other) {
        return new GatewaySettings(bindAddress, httpsPort, httpPort, proxyConnectTimeout, proxyReadTimeout, ioThreads,
                limits, other, tlsGroups);
    }

    /** The gateway's settings among those read at start. */
    public static GatewaySettings of(CertgateSettings settings) {
        return new GatewaySettings(settings.gatewayBindAddress(), settings.gatewayHttpsPort(),
                settings.gatewayHttpPort(), settings.gatewayProxyConnectTimeout(),
                settings.gatewayProxyReadTimeout(), settings.gatewayIoThreads(), GatewayLimits.of(settings),
                TlsEngine.of(settings.gatewayTlsEngine()).orElseThrow(), settings.gatewayTlsGroups());
    }

    private static void requirePort(int port, String property) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(property + " must be a port from 1 to 65535, not " + port);
        }
    }

    static void requireTimeout(Duration timeout, String property) {
        Objects.requireNonNull(timeout, property);
        if (timeout.toMillis() < 1 || timeout.compareTo(CertgateSettings.MAX_PROXY_TIMEOUT) > 0) {
            throw new IllegalArgumentException(property + " must be from 1ms to 1 hour (60m), not " + timeout);
        }
    }
}
