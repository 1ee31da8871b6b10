package dev.certgate.acme.dns;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.certgate.settings.CertgateSettings.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 2136 updates with TSIG against a real BIND 9 on loopback, configured as an operator would. Needs
 * {@code /usr/sbin/named}, so it runs in the {@code services} profile (failsafe), which bin/test turns on.
 */
class Rfc2136PublisherIT {

    @TempDir
    static Path dir;
    private static Bind9 bind;

    @BeforeAll
    static void startBind() throws Exception {
        bind = new Bind9(dir);
    }

    @AfterAll
    static void stopBind() throws Exception {
        if (bind != null) {
            bind.close();
        }
    }

    private static Dns01Publisher publisher(Map<String, String> overrides) throws DnsUpdateException {
        Map<String, String> properties = new java.util.HashMap<>(Map.of(
                ACME_DNS_PROVIDER.name(), "rfc2136",
                ACME_DNS_SERVER.name(), "127.0.0.1:" + bind.port,
                ACME_DNS_TSIG_KEY_NAME.name(), Bind9.KEY_NAME,
                ACME_DNS_TSIG_SECRET_FILE.name(), bind.secretFile.toString()));
        properties.putAll(overrides);
        return Dns01Publishers.from(properties::get).orElseThrow();
    }

    private static List<String> txt(String name) throws DnsUpdateException {
        return new DnsLookup(bind.address()).txt(name);
    }

    @Test
    void publishesSeesAndRemovesRecordsInTheZoneTheServerHolds() throws Exception {
        Dns01Publisher publisher = publisher(Map.of());
        String name = "_acme-challenge.shop.example.test";
        publisher.publish(name, "digest-for-the-wildcard");
        publisher.publish(name + ".", "digest-for-the-base-name");
        publisher.awaitVisible(name, "digest-for-the-base-name", Duration.ofSeconds(5));
        assertEquals(List.of("digest-for-the-base-name", "digest-for-the-wildcard"), txt(name).stream().sorted()
                .toList(), "two values at one name, as a wildcard and its base name need");

        publisher.remove(name, "digest-for-the-wildcard");
        assertEquals(List.of("digest-for-the-base-name"), txt(name));
        publisher.remove(name, "digest-for-the-base-name");
        publisher.remove(name, "digest-for-the-base-name"); // already gone: not an error
        assertEquals(List.of(), txt(name));
        assertTrue(publisher.describe().contains("127.0.0.1:" + bind.port));
    }

    @Test
    void aConfiguredZoneIsUsedAsIs() throws Exception {
        Dns01Publisher publisher = publisher(Map.of(ACME_DNS_ZONE.name(), "example.test"));
        publisher.publish("_acme-challenge.example.test", "v1");
        assertEquals(List.of("v1"), txt("_acme-challenge.example.test"));
        publisher.remove("_acme-challenge.example.test", "v1");
        DnsUpdateException outside = assertThrows(DnsUpdateException.class,
                () -> publisher.publish("_acme-challenge.other.test", "v"));
        assertTrue(outside.getMessage().contains("not in the configured zone example.test."), outside.getMessage());
    }

    @Test
    void wrongKeysAndUnknownZonesAreClearFailures() throws Exception {
        Path wrong = dir.resolve("wrong.key");
        Files.writeString(wrong, java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        DnsUpdateException badSecret = assertThrows(DnsUpdateException.class,
                () -> publisher(Map.of(ACME_DNS_TSIG_SECRET_FILE.name(), wrong.toString()))
                        .publish("_acme-challenge.a.example.test", "v"));
        assertTrue(badSecret.getMessage().contains("NOTAUTH") || badSecret.getMessage().contains("signature"),
                badSecret.getMessage());
        assertFalse(badSecret.getMessage().contains(java.util.Base64.getEncoder().encodeToString(bind.secret)));

        DnsUpdateException unknownKey = assertThrows(DnsUpdateException.class,
                () -> publisher(Map.of(ACME_DNS_TSIG_KEY_NAME.name(), "stranger."))
                        .publish("_acme-challenge.a.example.test", "v"));
        assertTrue(unknownKey.getMessage().startsWith("Could not add the TXT record at _acme-challenge.a.example.test: "),
                unknownKey.getMessage());

        DnsUpdateException noZone = assertThrows(DnsUpdateException.class,
                () -> publisher(Map.of()).publish("_acme-challenge.elsewhere.invalid", "v"));
        assertTrue(noZone.getMessage().contains("holds no zone for _acme-challenge.elsewhere.invalid;"),
                noZone.getMessage());

        DnsUpdateException neverVisible = assertThrows(DnsUpdateException.class,
                () -> publisher(Map.of()).awaitVisible("_acme-challenge.none.example.test", "v",
                        Duration.ofMillis(600)));
        assertTrue(neverVisible.getMessage().contains("still not visible"), neverVisible.getMessage());
        assertEquals(List.of(), txt("_acme-challenge.a.example.test"), "nothing half-done");
    }
}
