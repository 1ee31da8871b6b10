package dev.certgate.acme.dns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.certgate.settings.CertgateSettings.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DNS-01 settings: each mistake gets a message naming the property, and secrets never appear in one. */
class Dns01PublishersTest {

    @TempDir
    Path dir;

    private static Optional<Dns01Publisher> from(Map<String, String> properties) throws DnsUpdateException {
        return Dns01Publishers.from(properties::get);
    }

    private Map<String, String> rfc2136() throws Exception {
        Path secret = dir.resolve("tsig.key");
        Files.writeString(secret, "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=\n");
        Map<String, String> properties = new HashMap<>();
        properties.put(ACME_DNS_PROVIDER.name(), "rfc2136");
        properties.put(ACME_DNS_SERVER.name(), "127.0.0.1");
        properties.put(ACME_DNS_TSIG_KEY_NAME.name(), "certgate");
        properties.put(ACME_DNS_TSIG_SECRET_FILE.name(), secret.toString());
        return properties;
    }

    private String failure(Map<String, String> properties) {
        return assertThrows(DnsUpdateException.class, () -> from(properties)).getMessage();
    }

    @Test
    void noProviderMeansNoDns01() throws Exception {
        assertEquals(Optional.empty(), from(Map.of()));
        assertEquals(Optional.empty(), from(Map.of(ACME_DNS_PROVIDER.name(), " ")));
    }

    @Test
    void completeSettingsMakeTheProvider() throws Exception {
        assertInstanceOf(Rfc2136Publisher.class, from(rfc2136()).orElseThrow());
    }

    @Test
    void eachMistakeNamesItsProperty() throws Exception {
        assertTrue(failure(Map.of(ACME_DNS_PROVIDER.name(), "route53"))
                .contains("must be rfc2136, not 'route53'"));
        assertTrue(failure(Map.of(ACME_DNS_PROVIDER.name(), "challtestsrv"))
                .contains("must be rfc2136, not 'challtestsrv'"), "Pebble's mock DNS is no provider of the product");
        for (String required : new String[]{ACME_DNS_SERVER.name(), ACME_DNS_TSIG_KEY_NAME.name(),
                ACME_DNS_TSIG_SECRET_FILE.name()}) {
            Map<String, String> properties = rfc2136();
            properties.remove(required);
            assertEquals(required + " is required for " + ACME_DNS_PROVIDER.name() + "=rfc2136.",
                    failure(properties));
        }
        Map<String, String> badPort = rfc2136();
        badPort.put(ACME_DNS_SERVER.name(), "127.0.0.1:port");
        assertTrue(failure(badPort).startsWith(ACME_DNS_SERVER.name() + " must be host or host:port"));
        Map<String, String> badAlgorithm = rfc2136();
        badAlgorithm.put(ACME_DNS_TSIG_ALGORITHM.name(), "hmac-md5");
        assertTrue(failure(badAlgorithm).contains("not 'hmac-md5'"));
        Map<String, String> badTtl = rfc2136();
        badTtl.put(ACME_DNS_TTL.name(), "0");
        assertEquals("certgate.acme.dns.ttl must be a duration in whole seconds from 1s to 1d (such as 60, 5m or 1h),"
                + " not '0'.", failure(badTtl));
        badTtl.put(ACME_DNS_TTL.name(), "1500ms");
        assertTrue(failure(badTtl).endsWith("not '1500ms'."));
    }

    @Test
    void badSecretFilesAreNamedButNeverQuoted() throws Exception {
        Map<String, String> missing = rfc2136();
        missing.put(ACME_DNS_TSIG_SECRET_FILE.name(), dir.resolve("absent.key").toString());
        assertTrue(failure(missing).contains("cannot read " + dir.resolve("absent.key")));

        Path garbage = dir.resolve("garbage.key");
        Files.writeString(garbage, "this-is-not-base64-$$$");
        Map<String, String> notBase64 = rfc2136();
        notBase64.put(ACME_DNS_TSIG_SECRET_FILE.name(), garbage.toString());
        String message = failure(notBase64);
        assertTrue(message.contains("holds no base64 secret"), message);
        assertTrue(!message.contains("this-is-not-base64"), "the file's content is never shown");

        Path shortKey = dir.resolve("short.key");
        Files.writeString(shortKey, "c2hvcnQ=");
        Map<String, String> tooShort = rfc2136();
        tooShort.put(ACME_DNS_TSIG_SECRET_FILE.name(), shortKey.toString());
        assertTrue(failure(tooShort).contains("shorter than 16 bytes"));
    }
}
