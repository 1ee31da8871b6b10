package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code certgate migrate certbot|caddy|npm}: trees laid out as certbot and Caddy write them, and an Nginx Proxy
 * Manager installation (its SQLite database with the tables its migrations make, its custom_ssl/ and certbot
 * folders), the certificates made here with openssl, migrated end to end: a dry run stores nothing, then the
 * certificates are served by SNI, the applications proxy to their backend, the ACME domains adopt the imported
 * certificates (valid, renewal not before it is due), and a second run adds nothing.
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

    /** NPM's tables as its migrations leave them, with the columns the reader reads (knex: json, integer flags). */
    private static void npmSchema(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE certificate (id integer not null primary key autoincrement, "
                    + "is_deleted integer not null default '0', provider varchar(255) not null, "
                    + "nice_name varchar(255) not null default '', domain_names json not null, meta json not null)");
            st.execute("CREATE TABLE proxy_host (id integer not null primary key autoincrement, "
                    + "is_deleted integer not null default '0', domain_names json not null, "
                    + "forward_host varchar(255) not null, forward_port integer not null, "
                    + "certificate_id integer not null default '0', ssl_forced integer not null default '0', "
                    + "forward_scheme varchar(255) not null default 'http', enabled integer not null default '1', "
                    + "hsts_enabled integer not null default '0')");
        }
    }

    private static void npmRow(Connection db, String sql, Object... values) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                st.setObject(i + 1, values[i]);
            }
            st.executeUpdate();
        }
    }

    @Test
    void anNginxProxyManagerInstallationMovesInWithItsProxyHosts(@TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String leName = "npm-le-" + run + ".test";
        String customName = "npm-custom-" + run + ".test";
        String lostName = "npm-lost-" + run + ".test";
        Path data = Files.createDirectories(dir.resolve("data"));
        Path letsencrypt = Files.createDirectories(dir.resolve("letsencrypt"));
        // certificate 1: Let's Encrypt, a certbot lineage live/npm-1 linking into archive/npm-1
        Path archive = Files.createDirectories(letsencrypt.resolve("archive/npm-1"));
        Path live = Files.createDirectories(letsencrypt.resolve("live/npm-1"));
        Openssl.Pair le = Openssl.selfSigned(archive, leName, "ec");
        Files.move(le.certificate(), archive.resolve("fullchain1.pem"));
        Files.move(le.key(), archive.resolve("privkey1.pem"));
        Files.createSymbolicLink(live.resolve("fullchain.pem"), Path.of("../../archive/npm-1/fullchain1.pem"));
        Files.createSymbolicLink(live.resolve("privkey.pem"), Path.of("../../archive/npm-1/privkey1.pem"));
        // certificate 2: uploaded to NPM, written to custom_ssl/npm-2
        Path custom = Files.createDirectories(data.resolve("custom_ssl/npm-2"));
        Openssl.Pair uploaded = Openssl.selfSigned(custom, customName, "rsa");
        Files.move(uploaded.certificate(), custom.resolve("fullchain.pem"));
        Files.move(uploaded.key(), custom.resolve("privkey.pem"));
        Path database = data.resolve("database.sqlite");
        try (Connection db = new org.sqlite.JDBC().connect("jdbc:sqlite:" + database, new java.util.Properties())) {
            npmSchema(db);
            String certificate = "INSERT INTO certificate (id, is_deleted, provider, nice_name, domain_names, meta) "
                    + "VALUES (?, ?, ?, ?, ?, ?)";
            npmRow(db, certificate, 1, 0, "letsencrypt", leName, "[\"" + leName + "\"]",
                    "{\"letsencrypt_email\":\"ops@example.test\",\"letsencrypt_agree\":true,\"dns_challenge\":false}");
            npmRow(db, certificate, 2, 0, "other", "Custom " + run, "[\"" + customName + "\"]", "{}");
            npmRow(db, certificate, 3, 1, "letsencrypt", "gone-" + run, "[\"gone-" + run + ".test\"]", "{}");
            npmRow(db, certificate, 4, 0, "other", "Lost " + run, "[\"" + lostName + "\"]", "{}");
            String host = "INSERT INTO proxy_host (id, is_deleted, enabled, domain_names, forward_scheme, "
                    + "forward_host, forward_port, certificate_id, ssl_forced, hsts_enabled) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            npmRow(db, host, 1, 0, 1, "[\"" + leName + "\"]", "http", "127.0.0.1", 0, 1, 1, 0); // port set below
            npmRow(db, host, 2, 0, 1, "[\"" + customName + "\"]", "http", "127.0.0.1", 0, 2, 0, 0);
            npmRow(db, host, 3, 1, 1, "[\"gone-" + run + ".test\"]", "http", "127.0.0.1", 9, 3, 0, 0);
            npmRow(db, host, 4, 0, 1, "[\"" + lostName + "\"]", "http", "127.0.0.1", 9, 4, 0, 0);
        }
        HttpServer leBackend = backend("moved in from NPM, Let's Encrypt");
        HttpServer customBackend = backend("moved in from NPM, custom");
        try {
            try (Connection db = new org.sqlite.JDBC().connect("jdbc:sqlite:" + database,
                    new java.util.Properties())) {
                npmRow(db, "UPDATE proxy_host SET forward_port = ? WHERE id = 1", leBackend.getAddress().getPort());
                npmRow(db, "UPDATE proxy_host SET forward_port = ? WHERE id = 2",
                        customBackend.getAddress().getPort());
            }
            byte[] before = Files.readAllBytes(database);
            String[] source = {"migrate", "npm", data.toString(), "--letsencrypt", letsencrypt.toString()};

            CliIT.Run dry = certgate(concat(source, "--dry-run"));
            assertEquals(0, dry.exit(), dry.toString());
            assertTrue(dry.out().contains("Dry run, nothing stored: 2 would be imported"), dry.out());
            assertTrue(dry.out().contains("certificate 3 (gone-" + run + "): deleted in NPM; skipped."), dry.out());
            assertTrue(dry.out().contains("proxy host 3 (gone-" + run + ".test): deleted in NPM; skipped."),
                    dry.out());
            assertTrue(dry.out().contains("certificate 4 (Lost " + run + "): its files are missing (no "
                    + data.resolve("custom_ssl/npm-4") + "/fullchain.pem and privkey.pem); left out."), dry.out());
            assertTrue(dry.out().contains("Would create the application npm-" + leName + " -> http://127.0.0.1:"
                    + leBackend.getAddress().getPort() + " for " + leName), dry.out());
            assertTrue(dry.out().contains("Would create the application npm-" + customName), dry.out());
            assertEquals(0, CertgateApi.get("/certificates?q=" + run).body().get("total").asInt());
            assertTrue(CertgateApi.get("/applications").body().findValuesAsText("name").stream()
                    .noneMatch(name -> name.contains(run)), "the dry run created no application");

            CliIT.Run moved = certgate(source);
            assertEquals(0, moved.exit(), moved.toString());
            assertTrue(moved.out().contains("2 imported"), moved.out());
            assertTrue(moved.out().contains("Created the application npm-" + leName), moved.out());
            assertTrue(moved.out().contains(leName + " (ACME, adopted)"), moved.out());
            assertTrue(moved.out().contains("Created the application npm-" + customName), moved.out());
            assertTrue(moved.out().contains("Created the application npm-" + lostName), moved.out());

            JsonNode adopted = CertgateApi.get("/certificates?q=" + leName).body().get("items").get(0);
            assertEquals("ACME", adopted.get("source").asText(), "Let's Encrypt: adopted");
            assertEquals("UPLOADED", CertgateApi.get("/certificates?q=" + customName).body().get("items").get(0)
                    .get("source").asText(), "uploaded to NPM: uploaded");
            assertEquals(TlsProbe.sha256(TlsProbe.read(archive.resolve("fullchain1.pem"))),
                    TlsProbe.sha256(TlsProbe.leafFor(leName)), "served by SNI");
            assertEquals(TlsProbe.sha256(TlsProbe.read(custom.resolve("fullchain.pem"))),
                    TlsProbe.sha256(TlsProbe.leafFor(customName)), "served by SNI");
            assertTrue(TlsProbe.get(leName).contains("moved in from NPM, Let's Encrypt"), "proxied to its backend");
            assertTrue(TlsProbe.get(customName).contains("moved in from NPM, custom"), "proxied to its backend");
            JsonNode domain = acmeDomain(leName);
            assertEquals(adopted.get("id").asText(), domain.get("certificateId").asText(), domain.toString());
            assertEquals("VALID", domain.get("state").asText(), "not ordered again: " + domain);
            assertTrue(Instant.parse(domain.get("nextAttempt").asText())
                    .isAfter(Instant.now().plus(Duration.ofDays(5))), "renewed when due, not now: " + domain);
            assertEquals(0, CertgateApi.get("/certificates?q=gone-" + run).body().get("total").asInt(),
                    "a deleted certificate is not imported");

            CliIT.Run again = certgate(source);
            assertEquals(0, again.exit(), again.toString());
            assertTrue(again.out().contains("0 imported, 2 duplicate(s)"), again.out());
            assertTrue(again.out().contains("The application npm-" + leName + " exists already; left as it is."),
                    again.out());
            assertFalse(again.out().contains("Created the application"), again.out());
            assertEquals(1, CertgateApi.get("/certificates?q=" + leName).body().get("total").asInt());
            assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(database)), "NPM's database is only read");
        } finally {
            leBackend.stop(0);
            customBackend.stop(0);
        }
    }

    @Test
    void aWrongNpmSourceIsSaidPlainly(@TempDir Path dir) throws Exception {
        CliIT.Run nowhere = certgate("migrate", "npm", dir.resolve("nowhere").toString());
        assertEquals(2, nowhere.exit(), nowhere.toString());
        assertTrue(nowhere.err().contains(dir.resolve("nowhere") + " is not a directory: give Nginx Proxy Manager's "
                + "data directory"), nowhere.toString());

        CliIT.Run noDatabase = certgate("migrate", "npm", dir.toString());
        assertEquals(2, noDatabase.exit(), noDatabase.toString());
        assertTrue(noDatabase.err().contains("There is no file " + dir.resolve("database.sqlite")),
                noDatabase.toString());
        assertFalse(Files.exists(dir.resolve("database.sqlite")), "nothing created");

        Path other = dir.resolve("other.sqlite");
        try (Connection db = new org.sqlite.JDBC().connect("jdbc:sqlite:" + other, new java.util.Properties());
             Statement st = db.createStatement()) {
            st.execute("CREATE TABLE hosts (id INTEGER PRIMARY KEY, name TEXT)");
        }
        CliIT.Run notNpm = certgate("migrate", "npm", dir.toString(), "--sqlite", other.toString(), "--dry-run");
        assertEquals(2, notNpm.exit(), notNpm.toString());
        assertTrue(notNpm.err().contains(other + " is not Nginx Proxy Manager's database: its table certificate"),
                notNpm.toString());

        CliIT.Run refused = certgate("migrate", "npm", dir.toString(), "--db-url", "jdbc:mariadb://127.0.0.1:1/npm",
                "--db-user", "npm");
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("Could not connect to jdbc:mariadb://127.0.0.1:1/npm as npm"),
                refused.toString());
        for (CliIT.Run r : List.of(nowhere, noDatabase, notNpm, refused)) {
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.toString());
        }
    }

    /** Seals as Janusec does (data/crypt.go): AES-256-GCM, a random 12-byte nonce before the ciphertext and tag. */
    private static byte[] janusecSeal(byte[] plain, byte[] key) throws Exception {
        byte[] nonce = new byte[12];
        new java.security.SecureRandom().nextBytes(nonce);
        javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, nonce));
        byte[] body = cipher.doFinal(plain);
        byte[] sealed = java.util.Arrays.copyOf(nonce, 12 + body.length);
        System.arraycopy(body, 0, sealed, 12, body.length);
        return sealed;
    }

    @Test
    void aJanusecInstallationMovesInWithItsKeysOpened(@TempDir Path dir) throws Exception {
        String postgresql = System.getProperty("certgate.it.postgresql", "jdbc:postgresql://127.0.0.1:5432/");
        java.util.Properties login = new java.util.Properties();
        login.setProperty("user", System.getProperty("certgate.it.postgresql.user", "postgres"));
        login.setProperty("password", System.getProperty("certgate.it.postgresql.password", ""));
        Connection admin;
        try {
            admin = new org.postgresql.Driver().connect(postgresql + "postgres", login);
        } catch (SQLException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "No PostgreSQL at " + postgresql + " ("
                    + e.getMessage() + "): the Janusec move-in is not tested here (-Dcertgate.it.postgresql=URL).");
            return;
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        String storedName = "jn-" + run + ".test";
        String autoName = "jn-auto-" + run + ".test";
        String database = "movein_janusec_" + run;
        Path home = Files.createDirectories(dir.resolve("janusec"));
        Openssl.Pair stored = Openssl.selfSigned(dir, storedName, "rsa");
        Openssl.Pair auto = Openssl.selfSigned(dir, autoName, "ec");
        // Go's autocert cache: one file per domain, the key then the chain
        Files.createDirectories(home.resolve("certs"));
        Files.writeString(home.resolve("certs/" + autoName), auto.keyPem() + auto.certificatePem());
        HttpServer backend = backend("moved in from Janusec");
        try (admin; Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + database);
            try {
                byte[] instanceKey = new byte[32];
                new java.security.SecureRandom().nextBytes(instanceKey);
                byte[] rootKey = java.util.HexFormat.of().parseHex(
                        "58309a83b94a93313a8de8f3ca815f709f4ea52066417b2ae592f2dbfd1c69ab"); // Janusec's, published
                try (Connection db = new org.postgresql.Driver().connect(postgresql + database, login);
                     Statement ddl = db.createStatement()) {
                    ddl.execute("CREATE TABLE \"settings\"(\"id\" bigserial PRIMARY KEY, \"name\" VARCHAR(128) NOT "
                            + "NULL,\"string_value\" VARCHAR(16384))");
                    ddl.execute("CREATE TABLE \"certificates\"(\"id\" bigserial primary key,\"common_name\" "
                            + "VARCHAR(256) not null,\"pub_cert\" VARCHAR(16384) not null,\"priv_key\" bytea not null,"
                            + "\"expire_time\" bigint,\"description\" VARCHAR(256))");
                    ddl.execute("CREATE TABLE \"applications\"(\"id\" bigserial PRIMARY KEY,\"name\" VARCHAR(128) NOT "
                            + "NULL,\"internal_scheme\" VARCHAR(8) NOT NULL,\"redirect_https\" boolean,"
                            + "\"hsts_enabled\" boolean)");
                    ddl.execute("CREATE TABLE \"domains\"(\"id\" bigserial PRIMARY KEY, \"name\" VARCHAR(256) NOT "
                            + "NULL, \"app_id\" bigint NOT NULL, \"cert_id\" bigint, \"redirect\" boolean, "
                            + "\"location\" VARCHAR(256))");
                    ddl.execute("CREATE TABLE \"destinations\"(\"id\" bigserial PRIMARY KEY,\"route_type\" bigint "
                            + "default 1,\"request_route\" VARCHAR(128) NOT NULL DEFAULT '/',\"destination\" "
                            + "VARCHAR(128) DEFAULT '',\"app_id\" bigint NOT NULL)");
                    npmRow(db, "INSERT INTO settings (name, string_value) VALUES ('instance_key', ?)",
                            java.util.HexFormat.of().formatHex(janusecSeal(instanceKey, rootKey)));
                    npmRow(db, "INSERT INTO certificates (id, common_name, pub_cert, priv_key, expire_time) VALUES "
                            + "(7, ?, ?, ?, 0)", storedName, stored.certificatePem(),
                            janusecSeal(Files.readAllBytes(stored.key()), instanceKey));
                    npmRow(db, "INSERT INTO applications (id, name, internal_scheme, redirect_https, hsts_enabled) "
                            + "VALUES (8, ?, 'http', true, false)", "jn-" + run);
                    npmRow(db, "INSERT INTO destinations (route_type, request_route, destination, app_id) VALUES "
                            + "(1, '/', ?, 8)", "127.0.0.1:" + backend.getAddress().getPort());
                    npmRow(db, "INSERT INTO domains (name, app_id, cert_id, redirect, location) VALUES (?, 8, 7, "
                            + "false, '')", storedName);
                    npmRow(db, "INSERT INTO domains (name, app_id, cert_id, redirect, location) VALUES (?, 8, 0, "
                            + "false, '')", autoName);
                }
                String[] source = {"migrate", "janusec", home.toString(), "--db-url", postgresql + database,
                        "--db-user", login.getProperty("user")};

                CliIT.Run dry = certgate(concat(source, "--dry-run"));
                assertEquals(0, dry.exit(), dry.toString());
                assertTrue(dry.out().contains("Dry run, nothing stored: 2 would be imported"), dry.out());
                assertTrue(dry.out().contains("Would create the application janusec-jn-" + run), dry.out());
                assertEquals(0, CertgateApi.get("/certificates?q=" + run).body().get("total").asInt());

                CliIT.Run moved = certgate(source);
                assertEquals(0, moved.exit(), moved.toString());
                assertTrue(moved.out().contains("2 imported"), moved.out());
                assertTrue(moved.out().contains("Created the application janusec-jn-" + run), moved.out());
                assertTrue(moved.out().contains(autoName + " (ACME, adopted)"), moved.out());
                assertEquals("UPLOADED", CertgateApi.get("/certificates?q=" + storedName).body().get("items").get(0)
                        .get("source").asText());
                assertEquals("ACME", CertgateApi.get("/certificates?q=" + autoName).body().get("items").get(0)
                        .get("source").asText(), "the automatic certificate is adopted");
                assertEquals(TlsProbe.sha256(TlsProbe.read(stored.certificate())),
                        TlsProbe.sha256(TlsProbe.leafFor(storedName)), "served by SNI with the key Janusec sealed");
                assertEquals(TlsProbe.sha256(TlsProbe.read(auto.certificate())),
                        TlsProbe.sha256(TlsProbe.leafFor(autoName)));
                assertTrue(TlsProbe.get(storedName).contains("moved in from Janusec"), "proxied to its backend");
                assertEquals("VALID", acmeDomain(autoName).get("state").asText(), "not ordered again");

                CliIT.Run again = certgate(source);
                assertEquals(0, again.exit(), again.toString());
                assertTrue(again.out().contains("0 imported, 2 duplicate(s)"), again.out());
                assertTrue(again.out().contains("The application janusec-jn-" + run + " exists already"),
                        again.out());

                CliIT.Run noDatabase = certgate("migrate", "janusec", home.toString());
                assertEquals(2, noDatabase.exit(), noDatabase.toString());
                assertTrue(noDatabase.err().contains("Give Janusec's database: --db-url"), noDatabase.toString());
                CliIT.Run notJanusec = certgate("migrate", "janusec", home.toString(), "--db-url",
                        postgresql + "postgres", "--db-user", login.getProperty("user"));
                assertEquals(2, notJanusec.exit(), notJanusec.toString());
                assertTrue(notJanusec.err().contains("is not Janusec's database"), notJanusec.toString());
                assertFalse(notJanusec.err().contains("Exception"), notJanusec.toString());
            } finally {
                st.execute("DROP DATABASE " + database + " WITH (FORCE)");
            }
        } finally {
            backend.stop(0);
        }
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
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
