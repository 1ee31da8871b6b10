package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code certgate migrate certbot|caddy}: trees laid out as certbot and Caddy write them (made here with openssl),
 * migrated end to end: a dry run stores nothing, then the certificates are served by SNI, the applications proxy
 * to their backend, and the ACME domains adopt the imported certificates (valid, renewal not before it is due).
 */
class MigrateIT {

    private static CliIT.Run certgate(String... args) throws Exception {
        return CliIT.certgate(ItSettings.REMOTE, ItSettings.ADMIN.name(), ItSettings.ADMIN.password(), args);
    }

    private static HttpServer backend(String answer) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void aCertbotTreeMovesInWithItsCertificatesAdopted(@TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String name = "cb-" + run + ".test";
        Path root = Files.createDirectories(dir.resolve("letsencrypt"));
        Path archive = Files.createDirectories(root.resolve("archive/" + name));
        Path live = Files.createDirectories(root.resolve("live/" + name));
        Openssl.Pair pair = Openssl.selfSigned(archive, name, "ec");
        Files.move(pair.certificate(), archive.resolve("fullchain1.pem"));
        Files.move(pair.key(), archive.resolve("privkey1.pem"));
        Files.createSymbolicLink(live.resolve("fullchain.pem"), Path.of("../../archive/" + name + "/fullchain1.pem"));
        Files.createSymbolicLink(live.resolve("privkey.pem"), Path.of("../../archive/" + name + "/privkey1.pem"));
        Files.createDirectories(root.resolve("renewal"));
        Files.writeString(root.resolve("renewal/" + name + ".conf"), """
                version = 2.9.0
                archive_dir = %1$s/archive/%2$s
                fullchain = %1$s/live/%2$s/fullchain.pem
                privkey = %1$s/live/%2$s/privkey.pem
                [renewalparams]
                account = 5e1b0c2a
                authenticator = webroot
                server = https://acme-v02.api.letsencrypt.org/directory
                key_type = ecdsa
                [[webroot_map]]
                %2$s = /var/www/html
                """.formatted(root, name));
        HttpServer backend = backend("moved in from certbot");
        try {
            String url = "http://127.0.0.1:" + backend.getAddress().getPort();

            CliIT.Run dry = certgate("migrate", "certbot", root.toString(), "--backend", url, "--dry-run");
            assertEquals(0, dry.exit(), dry.toString());
            assertTrue(dry.out().contains("Dry run, nothing stored: 1 would be imported"), dry.out());
            assertTrue(dry.out().contains("authenticator webroot -> HTTP_01"), dry.out());
            assertTrue(dry.out().contains("Would create the application certbot-" + name), dry.out());
            assertEquals(0, CertgateApi.get("/certificates?q=" + name).body().get("total").asInt());

            CliIT.Run moved = certgate("migrate", "certbot", root.toString(), "--backend", url);
            assertEquals(0, moved.exit(), moved.toString());
            assertTrue(moved.out().contains("1 imported"), moved.out());
            assertTrue(moved.out().contains("Created the application certbot-" + name), moved.out());
            assertTrue(moved.out().contains(name + " (ACME, adopted)"), moved.out());

            JsonNode stored = CertgateApi.get("/certificates?q=" + name).body().get("items").get(0);
            assertEquals("ACME", stored.get("source").asText(), "adopted: stored as an ACME certificate");
            assertEquals(TlsProbe.sha256(TlsProbe.read(archive.resolve("fullchain1.pem"))),
                    TlsProbe.sha256(TlsProbe.leafFor(name)), "served by SNI");
            assertTrue(TlsProbe.get(name).contains("moved in from certbot"), "proxied to the backend");

            JsonNode domain = acmeDomain(name);
            assertEquals(stored.get("id").asText(), domain.get("certificateId").asText(), domain.toString());
            assertEquals("VALID", domain.get("state").asText(), "not ordered again: " + domain);
            assertTrue(Instant.parse(domain.get("nextAttempt").asText()).isAfter(Instant.now().plus(Duration.ofDays(5))),
                    "renewed when due, not now: " + domain);

            CliIT.Run again = certgate("migrate", "certbot", root.toString());
            assertEquals(0, again.exit(), again.toString());
            assertTrue(again.out().contains("0 imported, 1 duplicate(s)"), again.out());
        } finally {
            backend.stop(0);
        }
    }

    @Test
    void aCaddyStorageTreeMovesIn(@TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String acmeName = "caddy-" + run + ".test";
        String localName = "caddy-local-" + run + ".test";
        Path root = Files.createDirectories(dir.resolve("caddy"));
        Path acme = Files.createDirectories(root.resolve("certificates/acme-v02.api.letsencrypt.org-directory/"
                + acmeName));
        Openssl.Pair a = Openssl.selfSigned(acme, acmeName, "ec");
        Files.move(a.certificate(), acme.resolve(acmeName + ".crt"));
        Files.move(a.key(), acme.resolve(acmeName + ".key"));
        Files.writeString(acme.resolve(acmeName + ".json"), "{\"sans\":[\"" + acmeName + "\"],\"issuer_data\":{}}");
        Path local = Files.createDirectories(root.resolve("certificates/local/" + localName));
        Openssl.Pair l = Openssl.selfSigned(local, localName, "rsa");
        Files.move(l.certificate(), local.resolve(localName + ".crt"));
        Files.move(l.key(), local.resolve(localName + ".key"));

        CliIT.Run moved = certgate("migrate", "caddy", root.toString());
        assertEquals(0, moved.exit(), moved.toString());
        assertTrue(moved.out().contains("2 imported"), moved.out());
        assertEquals("ACME", CertgateApi.get("/certificates?q=" + acmeName).body().get("items").get(0)
                .get("source").asText());
        assertEquals("UPLOADED", CertgateApi.get("/certificates?q=" + localName).body().get("items").get(0)
                .get("source").asText(), "Caddy's internal CA is not ACME");
        assertEquals(TlsProbe.sha256(TlsProbe.read(acme.resolve(acmeName + ".crt"))),
                TlsProbe.sha256(TlsProbe.leafFor(acmeName)));
        assertEquals(TlsProbe.sha256(TlsProbe.read(local.resolve(localName + ".crt"))),
                TlsProbe.sha256(TlsProbe.leafFor(localName)));
    }

    @Test
    void aWrongSourceIsSaidPlainly(@TempDir Path dir) throws Exception {
        CliIT.Run notCertbot = certgate("migrate", "certbot", dir.toString());
        assertEquals(2, notCertbot.exit(), notCertbot.toString());
        assertTrue(notCertbot.err().contains("is not a certbot directory"), notCertbot.toString());
        CliIT.Run unknown = certgate("migrate", "traefik", dir.toString());
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("Unknown source traefik"), unknown.toString());
        assertTrue(!unknown.err().contains("Exception"), unknown.toString());
    }

    private static JsonNode acmeDomain(String name) throws Exception {
        for (int i = 0; i < 50; i++) {
            for (JsonNode domain : CertgateApi.get("/acme/domains").body()) {
                if (domain.get("domain").asText().equals(name)) {
                    return domain;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no ACME domain " + name + " in " + CertgateApi.get("/acme/domains").body());
    }
}
