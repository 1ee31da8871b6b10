package dev.certgate.gateway;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewaySettingsTest {

    private static GatewaySettings from(Map<String, String> properties) {
        return GatewaySettings.from(properties::get);
    }

    private static String refused(Map<String, String> properties) {
        return assertThrows(IllegalArgumentException.class, () -> from(properties)).getMessage();
    }

    @Test
    void defaultsWhenNothingIsSet() {
        GatewaySettings settings = from(Map.of());
        assertEquals("127.0.0.1", settings.bindAddress());
        assertEquals(9443, settings.httpsPort());
        assertEquals(9080, settings.httpPort());
        assertEquals(Duration.ofSeconds(5), settings.proxyConnectTimeout());
        assertEquals(Duration.ofSeconds(60), settings.proxyReadTimeout());
        assertEquals(Runtime.getRuntime().availableProcessors(), settings.ioThreads());
    }

    @Test
    void ioThreadsAreAWholeNumberFromOneTo256() {
        assertEquals(1, from(Map.of(GatewaySettings.IO_THREADS_PROPERTY, "1")).ioThreads());
        assertEquals(256, from(Map.of(GatewaySettings.IO_THREADS_PROPERTY, " 256 ")).ioThreads());
        for (String bad : new String[]{"0", "-2", "257"}) {
            assertEquals("certgate.gateway.io-threads must be from 1 to 256, not " + bad,
                    refused(Map.of(GatewaySettings.IO_THREADS_PROPERTY, bad)));
        }
        for (String bad : new String[]{"two", "1.5", "99999999999"}) {
            assertEquals("certgate.gateway.io-threads must be a whole number from 1 to 256, not '" + bad + "'",
                    refused(Map.of(GatewaySettings.IO_THREADS_PROPERTY, bad)));
        }
    }

    @Test
    void timeoutsTakeMillisecondsSecondsOrMinutes() {
        GatewaySettings settings = from(Map.of(GatewaySettings.PROXY_CONNECT_TIMEOUT_PROPERTY, "750ms",
                GatewaySettings.PROXY_READ_TIMEOUT_PROPERTY, " 3s "));
        assertEquals(Duration.ofMillis(750), settings.proxyConnectTimeout());
        assertEquals(Duration.ofSeconds(3), settings.proxyReadTimeout());
        assertEquals(Duration.ofMinutes(2), from(Map.of(GatewaySettings.PROXY_READ_TIMEOUT_PROPERTY, "2m"))
                .proxyReadTimeout());
        assertEquals(Duration.ofSeconds(10), from(Map.of(GatewaySettings.PROXY_READ_TIMEOUT_PROPERTY, "10"))
                .proxyReadTimeout(), "no unit is seconds");
        assertEquals(Duration.ofHours(1), from(Map.of(GatewaySettings.PROXY_READ_TIMEOUT_PROPERTY, "60m"))
                .proxyReadTimeout());
    }

    @Test
    void badTimeoutsAreRefusedNamingTheProperty() {
        for (String bad : new String[]{"abc", "-1s", "1.5s", "5 h", "s", "10x"}) {
            String message = refused(Map.of(GatewaySettings.PROXY_READ_TIMEOUT_PROPERTY, bad));
            assertTrue(message.startsWith("certgate.gateway.proxy.read-timeout must be a duration such as 500ms"),
                    message);
            assertTrue(message.contains("'" + bad.strip() + "'"), message);
        }
        for (String outOfRange : new String[]{"0", "0ms", "61m", "3601s", "99999999999"}) {
            String message = refused(Map.of(GatewaySettings.PROXY_CONNECT_TIMEOUT_PROPERTY, outOfRange));
            assertTrue(message.startsWith("certgate.gateway.proxy.connect-timeout must be"), message);
        }
    }

    @Test
    void badPortsAreRefusedNamingTheProperty() {
        assertEquals("certgate.gateway.https-port must be a port number, not 'https'",
                refused(Map.of(GatewaySettings.HTTPS_PORT_PROPERTY, "https")));
        assertEquals("certgate.gateway.http-port must be a port from 1 to 65535, not 70000",
                refused(Map.of(GatewaySettings.HTTP_PORT_PROPERTY, "70000")));
        assertEquals("certgate.gateway.https-port and certgate.gateway.http-port must differ",
                refused(Map.of(GatewaySettings.HTTPS_PORT_PROPERTY, "8000", GatewaySettings.HTTP_PORT_PROPERTY, "8000")));
    }

    @Test
    void limitsHaveSafeDefaults() {
        GatewayLimits limits = from(Map.of()).limits();
        assertEquals(Duration.ofSeconds(10), limits.handshakeTimeout());
        assertEquals(Duration.ofSeconds(15), limits.requestHeaderTimeout());
        assertEquals(Duration.ofSeconds(60), limits.idleTimeout());
        assertEquals(32_768, limits.maxHeaderSize());
        assertEquals(10_000, limits.maxConnections());
        assertEquals(256, limits.maxConnectionsPerAddress());
        assertEquals(100, limits.http2MaxConcurrentStreams());
        assertEquals(16_384, limits.http2MaxHeaderListSize());
        assertEquals(200, limits.http2MaxResets());
        assertEquals(Duration.ofSeconds(30), limits.http2ResetWindow());
        assertEquals(limits, GatewayLimits.defaults());
    }

    @Test
    void limitsAreReadFromTheirProperties() {
        GatewayLimits limits = from(Map.of(GatewayLimits.HANDSHAKE_TIMEOUT_PROPERTY, "3s",
                GatewayLimits.REQUEST_HEADER_TIMEOUT_PROPERTY, "2500ms", GatewayLimits.IDLE_TIMEOUT_PROPERTY, "2m",
                GatewayLimits.MAX_HEADER_SIZE_PROPERTY, "16k", GatewayLimits.MAX_CONNECTIONS_PROPERTY, "500",
                GatewayLimits.MAX_CONNECTIONS_PER_ADDRESS_PROPERTY, " 20 ",
                GatewayLimits.HTTP2_MAX_CONCURRENT_STREAMS_PROPERTY, "50",
                GatewayLimits.HTTP2_MAX_HEADER_LIST_SIZE_PROPERTY, "8192",
                GatewayLimits.HTTP2_MAX_RESETS_PROPERTY, "100", GatewayLimits.HTTP2_RESET_WINDOW_PROPERTY, "10s"))
                .limits();
        assertEquals(new GatewayLimits(Duration.ofSeconds(3), Duration.ofMillis(2500), Duration.ofMinutes(2), 16_384,
                500, 20, 50, 8_192, 100, Duration.ofSeconds(10)), limits);
        assertEquals(16_384, from(Map.of(GatewayLimits.MAX_HEADER_SIZE_PROPERTY, "16KiB")).limits().maxHeaderSize());
    }

    @Test
    void badLimitsAreRefusedNamingTheProperty() {
        assertEquals("certgate.gateway.max-header-size must be a size in bytes such as 16384 or 16k, not '16 MB'",
                refused(Map.of(GatewayLimits.MAX_HEADER_SIZE_PROPERTY, "16 MB")));
        assertEquals("certgate.gateway.http2.max-header-list-size must be from 1k to 1024k (1 MiB), not '100'",
                refused(Map.of(GatewayLimits.HTTP2_MAX_HEADER_LIST_SIZE_PROPERTY, "100")));
        assertEquals("certgate.gateway.max-header-size must be from 1k to 1024k (1 MiB), not '2048k'",
                refused(Map.of(GatewayLimits.MAX_HEADER_SIZE_PROPERTY, "2048k")));
        assertEquals("certgate.gateway.max-connections must be from 1 to 1000000, not 0",
                refused(Map.of(GatewayLimits.MAX_CONNECTIONS_PROPERTY, "0")));
        assertEquals("certgate.gateway.http2.max-resets must be a whole number from 1 to 1000000, not 'many'",
                refused(Map.of(GatewayLimits.HTTP2_MAX_RESETS_PROPERTY, "many")));
        assertEquals("certgate.gateway.max-connections-per-address (300) must not be more than "
                        + "certgate.gateway.max-connections (200)",
                refused(Map.of(GatewayLimits.MAX_CONNECTIONS_PROPERTY, "200",
                        GatewayLimits.MAX_CONNECTIONS_PER_ADDRESS_PROPERTY, "300")));
        assertTrue(refused(Map.of(GatewayLimits.HANDSHAKE_TIMEOUT_PROPERTY, "0s"))
                .startsWith("certgate.gateway.tls.handshake-timeout must be from 1ms to 1 hour"));
        assertTrue(refused(Map.of(GatewayLimits.IDLE_TIMEOUT_PROPERTY, "soon"))
                .startsWith("certgate.gateway.idle-timeout must be a duration such as 500ms"));
    }
}
