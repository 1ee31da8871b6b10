package dev.certgate.settings;

import dev.certgate.gateway.GatewayLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway's limits on clients among the settings: safe defaults, each read from its name, bad values refused. */
class GatewayLimitSettingsTest {

    private static CertgateSettings from(Map<String, String> values) {
        return CertgateSettings.read(SettingsSource.of(values));
    }

    private static String refused(Map<String, String> values) {
        return assertThrows(InvalidSettingException.class, () -> from(values)).getMessage();
    }

    @Test
    void limitsHaveSafeDefaults() {
        GatewayLimits limits = GatewayLimits.of(from(Map.of()));
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
    void limitsAreReadFromTheirSettings() {
        GatewayLimits limits = GatewayLimits.of(from(Map.of("certgate.gateway.tls.handshake-timeout", "3s",
                "certgate.gateway.request-header-timeout", "2500ms", "certgate.gateway.idle-timeout", "2m",
                "certgate.gateway.max-header-size", "16384", "certgate.gateway.max-connections", "500",
                "certgate.gateway.max-connections-per-address", " 20 ",
                "certgate.gateway.http2.max-concurrent-streams", "50",
                "certgate.gateway.http2.max-header-list-size", "8192",
                "certgate.gateway.http2.max-resets", "100", "certgate.gateway.http2.reset-window", "10s")));
        assertEquals(new GatewayLimits(Duration.ofSeconds(3), Duration.ofMillis(2500), Duration.ofMinutes(2), 16_384,
                500, 20, 50, 8_192, 100, Duration.ofSeconds(10)), limits);
    }

    @Test
    void badLimitsAreRefusedNamingTheSetting() {
        assertTrue(refused(Map.of("certgate.gateway.max-header-size", "16 MB"))
                .startsWith("certgate.gateway.max-header-size must be a whole number from 1024 to 1048576"));
        assertTrue(refused(Map.of("certgate.gateway.http2.max-header-list-size", "100"))
                .startsWith("certgate.gateway.http2.max-header-list-size must be a whole number from 1024"));
        assertTrue(refused(Map.of("certgate.gateway.max-connections", "0"))
                .startsWith("certgate.gateway.max-connections must be a whole number from 1 to 1000000"));
        assertTrue(refused(Map.of("certgate.gateway.http2.max-resets", "many"))
                .startsWith("certgate.gateway.http2.max-resets must be a whole number"));
        assertEquals("certgate.gateway.max-connections-per-address (300) must not be more than "
                        + "certgate.gateway.max-connections (200)",
                refused(Map.of("certgate.gateway.max-connections", "200",
                        "certgate.gateway.max-connections-per-address", "300")));
        assertTrue(refused(Map.of("certgate.gateway.tls.handshake-timeout", "0s"))
                .startsWith("certgate.gateway.tls.handshake-timeout must be a duration from 1ms to 1h"));
        assertTrue(refused(Map.of("certgate.gateway.idle-timeout", "soon"))
                .startsWith("certgate.gateway.idle-timeout must be a duration"));
    }
}
