package dev.certgate.migration;

import dev.certgate.api.ImportFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** certbot and Caddy trees laid out as those tools write them, read without a change to any file. */
class ReadersTest {

    static byte[] fixture(String name) {
        try (InputStream in = ReadersTest.class.getResourceAsStream("/migration/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** live/NAME/*.pem are links into archive/NAME/*1.pem, as certbot makes them. */
    static void certbotLineage(Path root, String name, String fixture, String renewalParams) throws IOException {
        Path archive = Files.createDirectories(root.resolve("archive").resolve(name));
        Path live = Files.createDirectories(root.resolve("live").resolve(name));
        Files.write(archive.resolve("fullchain1.pem"), fixture(fixture + ".crt.pem"));
        Files.write(archive.resolve("privkey1.pem"), fixture(fixture + ".key.pem"));
        Files.createSymbolicLink(live.resolve("fullchain.pem"), Path.of("../../archive/" + name + "/fullchain1.pem"));
        Files.createSymbolicLink(live.resolve("privkey.pem"), Path.of("../../archive/" + name + "/privkey1.pem"));
        Files.writeString(live.resolve("README"), "This directory contains your keys and certificates.\n");
        Path renewal = Files.createDirectories(root.resolve("renewal"));
        Files.writeString(renewal.resolve(name + ".conf"), """
                # renew_before_expiry = 30 days
                version = 2.9.0
                archive_dir = %1$s/archive/%2$s
                cert = %1$s/live/%2$s/cert.pem
                privkey = %1$s/live/%2$s/privkey.pem
                chain = %1$s/live/%2$s/chain.pem
                fullchain = %1$s/live/%2$s/fullchain.pem

                # Options used in the renewal process
                [renewalparams]
                %3$s
                server = https://acme-v02.api.letsencrypt.org/directory
                key_type = ecdsa
                [[webroot_map]]
                leaf.example.test = /var/www/html
                """.formatted(root, name, renewalParams));
    }

    @Test
    void aCertbotTreeGivesItsLineagesWithTheirRenewalSettings(@TempDir Path root) throws Exception {
        certbotLineage(root, "leaf.example.test", "leaf", "account = 0123abcd\nauthenticator = webroot\n"
                + "webroot_path = /var/www/html,");
        certbotLineage(root, "apps.example.test", "wildcard", "account = 0123abcd\nauthenticator = dns-rfc2136\n"
                + "pref_challs = dns-01,");
        Path account = Files.createDirectories(root.resolve(
                "accounts/acme-v02.api.letsencrypt.org/directory/0123abcd"));
        Files.writeString(account.resolve("regr.json"), "{\"body\": {\"contact\": [\"mailto:ops@example.test\"]}, "
                + "\"uri\": \"https://acme-v02.api.letsencrypt.org/acme/acct/42\"}");
        Map<Path, FileTime> before = times(root);

        MigrationPlan plan = Certbot.read(root, List.of("http://127.0.0.1:9000"));

        assertEquals(List.of("live/apps.example.test/fullchain.pem", "live/apps.example.test/privkey.pem",
                "live/leaf.example.test/fullchain.pem", "live/leaf.example.test/privkey.pem"),
                plan.files().stream().map(ImportFile::name).toList());
        assertTrue(plan.files().stream().allMatch(ImportFile::acme), "certbot's certificates are adopted");
        assertArrayEquals(fixture("leaf.key.pem"), plan.files().get(3).content(), "the link is followed");
        assertEquals("certbot " + root.resolve("live/leaf.example.test"), plan.files().get(3).origin());

        MigrationPlan.PlannedApplication apps = plan.applications().get(0);
        assertEquals("certbot-apps.example.test", apps.name());
        assertEquals(List.of("*.apps.example.test", "apps.example.test"),
                apps.domains().stream().map(MigrationPlan.PlannedDomain::name).toList());
        assertTrue(apps.domains().stream().allMatch(d -> d.acmeChallenge().equals("DNS_01")), apps.toString());
        MigrationPlan.PlannedDomain leaf = plan.applications().get(1).domains().get(0);
        assertEquals(new MigrationPlan.PlannedDomain("leaf.example.test", "live/leaf.example.test/fullchain.pem",
                "HTTP_01", "EC_P256", false, false), leaf);
        assertTrue(plan.notes().get(1).contains("account 0123abcd (https://acme-v02.api.letsencrypt.org/acme/acct/42)"
                + " contact ops@example.test"), plan.notes().toString());
        assertTrue(plan.notes().get(1).contains("authenticator webroot -> HTTP_01"), plan.notes().toString());
        assertEquals(before, times(root), "nothing in the source was touched");
    }

    @Test
    void withoutBackendsOnlyCertificatesArePlanned(@TempDir Path root) throws Exception {
        certbotLineage(root, "leaf.example.test", "leaf", "authenticator = standalone");
        Files.createDirectories(root.resolve("live/half-done"));
        MigrationPlan plan = Certbot.read(root, List.of());
        assertEquals(2, plan.files().size());
        assertTrue(plan.applications().isEmpty());
        assertTrue(plan.notes().contains("live/half-done has no fullchain.pem and privkey.pem; left out."),
                plan.notes().toString());
    }

    @Test
    void notACertbotOrCaddyDirectoryIsSaidPlainly(@TempDir Path root) {
        assertTrue(assertThrows(MigrationException.class, () -> Certbot.read(root, List.of())).getMessage()
                .contains("is not a certbot directory"));
        assertTrue(assertThrows(MigrationException.class, () -> Caddy.read(root, List.of())).getMessage()
                .contains("is not Caddy's storage"));
    }

    @Test
    void theRenewalChallengeFollowsCertbotsPreferenceThenItsAuthenticator() {
        assertEquals("TLS_ALPN_01", Certbot.challenge(Map.of("pref_challs", "tls-alpn-01, http-01,")));
        assertEquals("DNS_01", Certbot.challenge(Map.of("authenticator", "dns-cloudflare")));
        assertEquals("HTTP_01", Certbot.challenge(Map.of("authenticator", "nginx", "pref_challs", "None")));
    }

    @Test
    void aCaddyStorageTreeGivesItsCertificatesByIssuer(@TempDir Path root) throws Exception {
        Path acme = Files.createDirectories(root.resolve(
                "certificates/acme-v02.api.letsencrypt.org-directory/wildcard_.apps.example.test"));
        Files.write(acme.resolve("wildcard_.apps.example.test.crt"), fixture("wildcard.crt.pem"));
        Files.write(acme.resolve("wildcard_.apps.example.test.key"), fixture("wildcard.key.pem"));
        Files.writeString(acme.resolve("wildcard_.apps.example.test.json"), "{\"sans\": [\"*.apps.example.test\"], "
                + "\"issuer_data\": {\"url\": \"https://acme-v02.api.letsencrypt.org/acme/cert/1\"}}");
        Path local = Files.createDirectories(root.resolve("certificates/local/leaf.example.test"));
        Files.write(local.resolve("leaf.example.test.crt"), fixture("leaf.crt.pem"));
        Files.write(local.resolve("leaf.example.test.key"), fixture("leaf.key.pem"));
        Map<Path, FileTime> before = times(root);

        MigrationPlan plan = Caddy.read(root, List.of("http://127.0.0.1:9000"));

        assertEquals(4, plan.files().size(), plan.files().toString());
        ImportFile wildcard = plan.files().get(0);
        assertEquals("certificates/acme-v02.api.letsencrypt.org-directory/wildcard_.apps.example.test/"
                + "wildcard_.apps.example.test.crt", wildcard.name());
        assertTrue(wildcard.acme());
        assertTrue(!plan.files().get(2).acme(), "Caddy's internal CA is not ACME");
        MigrationPlan.PlannedApplication app = plan.applications().get(0);
        assertEquals("caddy-wildcard.apps.example.test", app.name());
        assertEquals("DNS_01", app.domains().get(0).acmeChallenge());
        assertEquals("HTTP_01", app.domains().get(1).acmeChallenge());
        assertEquals(null, plan.applications().get(1).domains().get(0).acmeChallenge(), "bound, not ACME");
        assertEquals(before, times(root));
    }

    static Map<Path, FileTime> times(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            return walk.collect(java.util.stream.Collectors.toMap(p -> p, p -> {
                try {
                    return Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
    }
}
