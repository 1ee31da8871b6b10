package dev.certgate.settings;

import dev.certgate.gateway.GatewaySettings;
import dev.certgate.gateway.TlsEngine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway's TLS engine and key exchange groups among the settings: defaults, read by name, bad values refused. */
class GatewayTlsEngineSettingsTest {

    private static CertgateSettings from(Map<String, String> values) {
        return CertgateSettings.read(SettingsSource.of(values));
    }

    private static String refused(Map<String, String> values) {
        return assertThrows(InvalidSettingException.class, () -> from(values)).getMessage();
    }

    @Test
    void jsseAndTheHybridGroupFirstByDefault() {
        GatewaySettings gateway = GatewaySettings.of(from(Map.of()));
        assertEquals(TlsEngine.JSSE, gateway.tlsEngine());
        assertEquals(List.of("X25519MLKEM768", "X25519", "P-256", "P-384"), gateway.tlsGroups());
    }

    @Test
    void theEngineAndTheGroupsAreReadInTheOrderWritten() {
        GatewaySettings gateway = GatewaySettings.of(from(Map.of("certgate.gateway.tls-engine", "boringssl",
                "certgate.gateway.tls-groups", "X25519, X25519MLKEM768")));
        assertEquals(TlsEngine.BORINGSSL, gateway.tlsEngine());
        assertEquals(List.of("X25519", "X25519MLKEM768"), gateway.tlsGroups());
        assertEquals("boringssl", from(Map.of("certgate.gateway.tls-engine", "boringssl")).described()
                .get("certgate.gateway.tls-engine"));
    }

    @Test
    void unknownEnginesAndGroupsAreRefused() {
        String engine = refused(Map.of("certgate.gateway.tls-engine", "openssl"));
        assertTrue(engine.startsWith("certgate.gateway.tls-engine must be ") && engine.contains("boringssl"), engine);
        assertTrue(refused(Map.of("certgate.gateway.tls-groups", "X25519,ffdhe2048"))
                .startsWith("certgate.gateway.tls-groups must be names from X25519MLKEM768, X25519, P-256, P-384"));
        assertTrue(refused(Map.of("certgate.gateway.tls-groups", "X25519,X25519"))
                .contains("none twice"));
        assertTrue(refused(Map.of("certgate.gateway.tls-groups", "X25519,"))
                .startsWith("certgate.gateway.tls-groups must be names from"));
    }
}
