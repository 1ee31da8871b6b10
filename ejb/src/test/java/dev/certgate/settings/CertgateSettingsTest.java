package dev.certgate.settings;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The settings read at start: defaults, what each kind accepts, and one message per mistake that names the setting,
 * the value (never a secret one) and what is allowed. (The gateway's cases were GatewaySettingsTest's.)
 */
class CertgateSettingsTest {

    private static CertgateSettings from(Map<String, String> values) {
        return CertgateSettings.read(SettingsSource.of(values));
    }

    private static String refused(Map<String, String> values) {
        return assertThrows(InvalidSettingException.class, () -> from(values)).getMessage();
    }

    @Test
    void defaultsWhenNothingIsSet() {
        CertgateSettings settings = from(Map.of());
        assertEquals("127.0.0.1", settings.gatewayBindAddress());
        assertEquals(9443, settings.gatewayHttpsPort());
        assertEquals(9080, settings.gatewayHttpPort());
        assertEquals(Duration.ofSeconds(5), settings.gatewayProxyConnectTimeout());
        assertEquals(Duration.ofSeconds(60), settings.gatewayProxyReadTimeout());
        assertEquals(Runtime.getRuntime().availableProcessors(), settings.gatewayIoThreads());
        assertEquals(500, settings.gatewayDeferKeysFrom());
        assertEquals(Duration.ofHours(1), settings.acmeRenewalInterval());
        assertEquals(4, settings.acmeWorkers());
        assertEquals(Path.of(".", "certgate", "instance.key"), settings.vaultKeyFile());
        assertTrue(settings.vaultKek().isEmpty());
        assertTrue(settings.adminPassword().isEmpty());
        assertEquals("node", settings.nodeName());
        assertEquals(List.of(), settings.respellings());
    }

    @Test
    void blankIsUnset() {
        assertEquals(9443, from(Map.of(CertgateSettings.GATEWAY_HTTPS_PORT.name(), "  ")).gatewayHttpsPort());
    }

    @Test
    void ioThreadsAreAWholeNumberFromOneTo256() {
        assertEquals(1, from(Map.of(CertgateSettings.GATEWAY_IO_THREADS.name(), "1")).gatewayIoThreads());
        assertEquals(256, from(Map.of(CertgateSettings.GATEWAY_IO_THREADS.name(), " 256 ")).gatewayIoThreads());
        for (String bad : new String[]{"0", "-2", "257", "two", "1.5", "99999999999"}) {
            assertEquals("certgate.gateway.io-threads must be a whole number from 1 to 256, not '" + bad + "'",
                    refused(Map.of(CertgateSettings.GATEWAY_IO_THREADS.name(), bad)));
        }
    }

    @Test
    void timeoutsTakeMillisecondsSecondsOrMinutes() {
        CertgateSettings settings = from(Map.of(CertgateSettings.GATEWAY_PROXY_CONNECT_TIMEOUT.name(), "750ms",
                CertgateSettings.GATEWAY_PROXY_READ_TIMEOUT.name(), " 3s "));
        assertEquals(Duration.ofMillis(750), settings.gatewayProxyConnectTimeout());
        assertEquals(Duration.ofSeconds(3), settings.gatewayProxyReadTimeout());
        assertEquals(Duration.ofMinutes(2), readTimeout("2m"));
        assertEquals(Duration.ofSeconds(10), readTimeout("10"), "no unit is seconds");
        assertEquals(Duration.ofHours(1), readTimeout("60m"));
        assertEquals(Duration.ofHours(1), readTimeout("1h"));
    }

    private static Duration readTimeout(String value) {
        return from(Map.of(CertgateSettings.GATEWAY_PROXY_READ_TIMEOUT.name(), value)).gatewayProxyReadTimeout();
    }

    @Test
    void badTimeoutsAreRefusedNamingTheSetting() {
        for (String bad : new String[]{"abc", "-1s", "1.5s", "5 h", "s", "10x", "PT5S"}) {
            String message = refused(Map.of(CertgateSettings.GATEWAY_PROXY_READ_TIMEOUT.name(), bad));
            assertEquals("certgate.gateway.proxy.read-timeout must be a duration from 1ms to 1h (500ms, 5s, 2m, 1h or"
                    + " 1d; no unit: seconds), not '" + bad + "'", message);
        }
        for (String outOfRange : new String[]{"0", "0ms", "61m", "3601s", "2h", "99999999999"}) {
            String message = refused(Map.of(CertgateSettings.GATEWAY_PROXY_CONNECT_TIMEOUT.name(), outOfRange));
            assertTrue(message.startsWith("certgate.gateway.proxy.connect-timeout must be a duration from 1ms to 1h"),
                    message);
            assertTrue(message.endsWith("not '" + outOfRange + "'"), message);
        }
    }

    @Test
    void badPortsAreRefusedNamingTheSetting() {
        assertEquals("certgate.gateway.https-port must be a port from 1 to 65535, not 'https'",
                refused(Map.of(CertgateSettings.GATEWAY_HTTPS_PORT.name(), "https")));
        assertEquals("certgate.gateway.http-port must be a port from 1 to 65535, not '70000'",
                refused(Map.of(CertgateSettings.GATEWAY_HTTP_PORT.name(), "70000")));
        assertEquals("certgate.gateway.https-port and certgate.gateway.http-port must differ, not both 8000",
                refused(Map.of(CertgateSettings.GATEWAY_HTTPS_PORT.name(), "8000",
                        CertgateSettings.GATEWAY_HTTP_PORT.name(), "8000")));
    }

    @Test
    void deferKeysFromAndWorkersAreCounts() {
        assertEquals(2, from(Map.of(CertgateSettings.GATEWAY_DEFER_KEYS_FROM.name(), "2")).gatewayDeferKeysFrom());
        assertEquals("certgate.gateway.defer-keys-from must be a whole number, at least 1, not '0'",
                refused(Map.of(CertgateSettings.GATEWAY_DEFER_KEYS_FROM.name(), "0")));
        assertEquals(16, from(Map.of(CertgateSettings.ACME_WORKERS.name(), "16")).acmeWorkers());
        assertEquals("certgate.acme.workers must be a whole number from 1 to 64, not 'many'",
                refused(Map.of(CertgateSettings.ACME_WORKERS.name(), "many")));
    }

    @Test
    void theRenewalIntervalTakesTheOneSyntaxAndStillIso8601WithARespelling() {
        String name = CertgateSettings.ACME_RENEWAL_INTERVAL.name();
        CertgateSettings plain = from(Map.of(name, "15m"));
        assertEquals(Duration.ofMinutes(15), plain.acmeRenewalInterval());
        assertEquals(List.of(), plain.respellings());

        CertgateSettings iso = from(Map.of(name, " PT1H30M "));
        assertEquals(Duration.ofMinutes(90), iso.acmeRenewalInterval());
        assertEquals(List.of(new Respelling(name, "PT1H30M", "90m")), iso.respellings());
        assertEquals(List.of(new Respelling(name, "pt6h", "6h")), from(Map.of(name, "pt6h")).respellings());

        for (String bad : new String[]{"PT1S", "9s", "2d", "P2D", "15 minutes", "PTfoo", "-PT1H"}) {
            assertEquals(name + " must be a duration from 10s to 1d (500ms, 5s, 2m, 1h or 1d; no unit: seconds), not '"
                    + bad + "'", refused(Map.of(name, bad)), "was clamped or defaulted before: now refused");
        }
    }

    @Test
    void theKekComesFromItsSettingOrTheOlderEnvironmentVariableAndIsNeverShown() {
        String kek = "bm90IGEgcmVhbCBrZXkgYnV0IDMyIGJ5dGVzIGxvbmcgIQ==";
        assertEquals(kek, from(Map.of("CERTGATE_KEK", kek)).vaultKek().orElseThrow().reveal());
        assertEquals(kek, from(Map.of("certgate.vault.kek", kek, "CERTGATE_KEK", "other")).vaultKek()
                .orElseThrow().reveal(), "its own name first");
        CertgateSettings settings = from(Map.of("certgate.vault.kek", kek, "certgate.admin.password", " pass word "));
        assertFalse(settings.vaultKek().orElseThrow().toString().contains(kek));
        assertEquals(" pass word ", settings.adminPassword().orElseThrow().reveal(), "a secret is not stripped");
        String described = settings.described().toString();
        assertFalse(described.contains(kek), described);
        assertFalse(described.contains("pass word"), described);
        assertTrue(described.contains("certgate.vault.kek=(set)"), described);
    }

    @Test
    void theKeyFileDefaultsToTheDataDir() {
        assertEquals(Path.of("/srv/data/certgate/instance.key"),
                from(Map.of("jboss.server.data.dir", "/srv/data")).vaultKeyFile());
        assertEquals(Path.of("/etc/certgate/kek"), from(Map.of("jboss.server.data.dir", "/srv/data",
                "certgate.vault.key-file", "/etc/certgate/kek")).vaultKeyFile());
    }

    @Test
    void everySettingConstantIsListedOnceInAll() throws IllegalAccessException {
        List<Setting<?>> constants = new ArrayList<>();
        for (Field field : CertgateSettings.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Setting.class) {
                constants.add((Setting<?>) field.get(null));
            }
        }
        assertEquals(constants.size(), CertgateSettings.ALL.size());
        assertTrue(CertgateSettings.ALL.containsAll(constants));
        Map<String, Setting<?>> byName = new HashMap<>();
        for (Setting<?> setting : CertgateSettings.ALL) {
            assertEquals(null, byName.put(setting.name(), setting), "one name, one setting: " + setting);
        }
    }

    @Test
    void theDocumentedDefaultOfEachSettingIsItsDefault() {
        for (Setting<?> setting : CertgateSettings.ALL) {
            if (setting.defaultValue().isPresent() && !setting.defaultText().contains(" ")) {
                assertEquals(setting.defaultValue(), setting.read(SettingsSource.of(Map.of(setting.name(),
                        setting.defaultText())), respelling -> { }), setting.name());
            }
        }
    }
}
