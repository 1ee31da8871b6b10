package dev.certgate.settings;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The kinds of settings: what each accepts, and the one form of message for what it does not. */
class SettingTest {

    private static <T> Optional<T> read(Setting<T> setting, String value) {
        return setting.read(SettingsSource.of(Map.of(setting.name(), value)), respelling -> { });
    }

    private static String refused(Setting<?> setting, String value) {
        return assertThrows(InvalidSettingException.class, () -> read(setting, value)).getMessage();
    }

    @Test
    void theEnvironmentNameIsMicroProfileConfigsMapping() {
        assertEquals("CERTGATE_GATEWAY_PROXY_READ_TIMEOUT",
                Setting.environmentName("certgate.gateway.proxy.read-timeout"));
        assertEquals(List.of("CERTGATE_VAULT_KEK", "CERTGATE_KEK"), CertgateSettings.VAULT_KEK.environment());
        assertEquals(List.of(), CertgateSettings.SERVER_DATA_DIR.environment(), "WildFly's own");
        assertThrows(IllegalArgumentException.class, () -> Setting.text("Not A Name", null));
    }

    @Test
    void anOlderEnvironmentNameIsReadAfterTheSettingsOwn() {
        Setting<String> setting = Setting.text("certgate.test.value", null).withEnvironmentAlias("CERTGATE_OLD");
        assertEquals(Optional.of("old"), setting.read(SettingsSource.of(Map.of("CERTGATE_OLD", "old")), r -> { }));
        assertEquals(Optional.of("new"), setting.read(SettingsSource.of(Map.of("certgate.test.value", "new",
                "CERTGATE_OLD", "old")), r -> { }));
        assertEquals(Optional.of("old"), setting.read(SettingsSource.of(Map.of("certgate.test.value", " ",
                "CERTGATE_OLD", "old")), r -> { }), "blank is unset");
        assertEquals(Optional.empty(), setting.read(SettingsSource.of(Map.of()), r -> { }));
    }

    @Test
    void hostAndPort() {
        Setting<InetSocketAddress> server = CertgateSettings.ACME_DNS_SERVER;
        assertEquals(new InetSocketAddress("127.0.0.1", 53), read(server, "127.0.0.1").orElseThrow());
        assertEquals(new InetSocketAddress("127.0.0.1", 5353), read(server, "127.0.0.1:5353").orElseThrow());
        assertEquals(new InetSocketAddress("::1", 53), read(server, "[::1]").orElseThrow());
        for (String bad : new String[]{"127.0.0.1:port", "host/path", "a b", "user@host", "host?q"}) {
            assertEquals("certgate.acme.dns.server must be host or host:port, not '" + bad + "'",
                    refused(server, bad));
        }
    }

    @Test
    void urlsAndChoices() {
        Setting<URI> url = Setting.httpUrl("certgate.example.url");
        assertEquals(URI.create("http://127.0.0.1:8055"), read(url, "http://127.0.0.1:8055").orElseThrow());
        assertEquals("certgate.example.url must be an http(s) URL, not 'ftp://x'", refused(url, "ftp://x"));
        assertEquals("certgate.acme.dns.provider must be rfc2136, not 'RFC2136'",
                refused(CertgateSettings.ACME_DNS_PROVIDER, "RFC2136"), "case matters for the provider");
        assertEquals(Optional.of("HMAC-SHA512"), read(CertgateSettings.ACME_DNS_TSIG_ALGORITHM, "HMAC-SHA512"));
        assertEquals("certgate.acme.dns.tsig-algorithm must be hmac-sha256, hmac-sha384, hmac-sha512, hmac-sha224 or"
                + " hmac-sha1, not 'hmac-md5'", refused(CertgateSettings.ACME_DNS_TSIG_ALGORITHM, "hmac-md5"));
    }

    @Test
    void aSecretIsNeverShownAndNotStripped() {
        Secret kek = read(CertgateSettings.VAULT_KEK, " c2VjcmV0 ").orElseThrow();
        assertEquals("(a secret value, not shown)", kek.toString());
        assertEquals(" c2VjcmV0 ", kek.reveal());
        assertEquals(Optional.empty(), read(CertgateSettings.VAULT_KEK, "   "), "blank is unset");
    }

    @Test
    void respellingsAreReportedWithTheValueAsWritten() {
        List<Respelling> respellings = new ArrayList<>();
        Setting<java.time.Duration> interval = CertgateSettings.ACME_RENEWAL_INTERVAL;
        interval.read(SettingsSource.of(Map.of(interval.name(), " PT2H ")), respellings::add);
        assertEquals(List.of(new Respelling(interval.name(), "PT2H", "2h")), respellings);
    }
}
