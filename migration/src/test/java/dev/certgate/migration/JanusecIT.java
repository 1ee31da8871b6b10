package dev.certgate.migration;

import dev.certgate.api.ImportFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A Janusec installation in a fresh database of a real PostgreSQL, its tables made as Janusec makes them (the columns
 * read) and its private keys sealed the way Janusec seals them (AES-256-GCM under an instance key that is itself
 * sealed under Janusec's published root key), read and dropped again. The server is
 * {@code -Dcertgate.test.postgresql=jdbc:postgresql://HOST:PORT/} (as {@code certgate.test.postgresql.user}, default
 * postgres), else 127.0.0.1:5432; without one that answers, these tests are skipped and say so.
 */
class JanusecIT {

    private static final String POSTGRESQL = System.getProperty("certgate.test.postgresql",
            "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getProperty("certgate.test.postgresql.user", "postgres");
    private static final String PASSWORD = System.getProperty("certgate.test.postgresql.password", "");
    /** Janusec's root key as its data/crypt.go publishes it: the tests seal with it independently of the reader. */
    private static final byte[] JANUSEC_ROOT_KEY = HexFormat.of().parseHex(
            "58309a83b94a93313a8de8f3ca815f709f4ea52066417b2ae592f2dbfd1c69ab");
    private static final SecureRandom RANDOM = new SecureRandom();

    private static Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("connectTimeout", "3");
        return new org.postgresql.Driver().connect(POSTGRESQL + database, properties);
    }

    /** Seals as Janusec's EncryptWithKey does: a random 12-byte nonce, then GCM's ciphertext and tag. */
    static byte[] seal(byte[] plain, byte[] key) throws Exception {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        byte[] body = cipher.doFinal(plain);
        byte[] sealed = Arrays.copyOf(nonce, 12 + body.length);
        System.arraycopy(body, 0, sealed, 12, body.length);
        return sealed;
    }

    /** A fresh database, dropped when {@code body} ends; the test is skipped when no PostgreSQL answers. */
    private interface Body {
        void run(String database) throws Exception;
    }

    private static void inFreshDatabase(Body body) throws Exception {
        Connection admin;
        try {
            admin = connect("postgres");
        } catch (SQLException e) {
            assumeTrue(false, "No PostgreSQL answers at " + POSTGRESQL + " (" + e.getMessage() + "); the Janusec "
                    + "tests are skipped. Give one with -Dcertgate.test.postgresql=jdbc:postgresql://HOST:PORT/.");
            return;
        }
        String name = "movein_janusec_" + UUID.randomUUID().toString().substring(0, 8);
        try (admin; Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
            try {
                body.run(name);
            } finally {
                st.execute("DROP DATABASE " + name + " WITH (FORCE)");
            }
        }
    }

    private static void schema(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS \"settings\"(\"id\" bigserial PRIMARY KEY, \"name\" VARCHAR(128) "
                    + "NOT NULL,\"bool_value\" boolean,\"int_value\" bigint,\"float_value\" decimal,"
                    + "\"string_value\" VARCHAR(16384))");
            st.execute("CREATE TABLE IF NOT EXISTS \"certificates\"(\"id\" bigserial primary key,\"common_name\" "
                    + "VARCHAR(256) not null,\"pub_cert\" VARCHAR(16384) not null,\"priv_key\" bytea not null,"
                    + "\"expire_time\" bigint,\"description\" VARCHAR(256))");
            st.execute("CREATE TABLE IF NOT EXISTS \"applications\"(\"id\" bigserial PRIMARY KEY,\"name\" VARCHAR(128) "
                    + "NOT NULL,\"internal_scheme\" VARCHAR(8) NOT NULL,\"redirect_https\" boolean,\"hsts_enabled\" "
                    + "boolean,\"description\" VARCHAR(256) NOT NULL DEFAULT '',\"owner\" VARCHAR(128) NOT NULL "
                    + "DEFAULT 'admin')");
            st.execute("CREATE TABLE IF NOT EXISTS \"domains\"(\"id\" bigserial PRIMARY KEY, \"name\" VARCHAR(256) NOT "
                    + "NULL, \"app_id\" bigint NOT NULL, \"cert_id\" bigint, \"redirect\" boolean, \"location\" "
                    + "VARCHAR(256))");
            st.execute("CREATE TABLE IF NOT EXISTS \"destinations\"(\"id\" bigserial PRIMARY KEY,\"route_type\" bigint "
                    + "default 1,\"request_route\" VARCHAR(128) NOT NULL DEFAULT '/',\"backend_route\" VARCHAR(128) "
                    + "NOT NULL DEFAULT '/',\"destination\" VARCHAR(128) DEFAULT '',\"app_id\" bigint NOT NULL,"
                    + "\"node_id\" bigint NOT NULL DEFAULT 0)");
        }
    }

    private static void row(Connection db, String sql, Object... values) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                st.setObject(i + 1, values[i]);
            }
            st.executeUpdate();
        }
    }

    private static void certificate(Connection db, long id, String fixture, byte[] key) throws Exception {
        row(db, "INSERT INTO certificates (id, common_name, pub_cert, priv_key, expire_time, description) VALUES "
                + "(?, ?, ?, ?, ?, ?)", id, fixture.equals("leaf") ? "leaf.example.test" : "*.apps.example.test",
                new String(ReadersTest.fixture(fixture + ".crt.pem"), StandardCharsets.UTF_8),
                seal(ReadersTest.fixture(fixture + ".key.pem"), key), 4318000000L, "from " + fixture);
    }

    @Test
    void aJanusecInstallationGivesItsCertificatesWithTheirKeysAndItsApplications(@TempDir Path home)
            throws Exception {
        Path cache = Files.createDirectories(home.resolve("certs"));
        byte[] autocert = (new String(ReadersTest.fixture("leaf.key.pem"), StandardCharsets.UTF_8)
                + new String(ReadersTest.fixture("leaf.crt.pem"), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        Files.write(cache.resolve("auto.example.test"), autocert);
        Files.write(cache.resolve("acme_account+key"), "-----BEGIN EC PRIVATE KEY-----\n".getBytes());
        inFreshDatabase(name -> {
            byte[] instanceKey = new byte[32];
            RANDOM.nextBytes(instanceKey);
            try (Connection db = connect(name)) {
                schema(db);
                row(db, "INSERT INTO settings (id, name, string_value) VALUES (1, 'instance_key', ?)",
                        HexFormat.of().formatHex(seal(instanceKey, JANUSEC_ROOT_KEY)));
                certificate(db, 101, "leaf", instanceKey);
                certificate(db, 102, "wildcard", instanceKey);
                byte[] otherKey = new byte[32];
                RANDOM.nextBytes(otherKey);
                certificate(db, 103, "leaf", otherKey);
                String app = "INSERT INTO applications (id, name, internal_scheme, redirect_https, hsts_enabled) "
                        + "VALUES (?, ?, ?, ?, ?)";
                row(db, app, 201, "shop", "https", true, true);
                row(db, app, 202, "static-only", "http", false, false);
                row(db, app, 203, "apps", "http", false, false);
                String destination = "INSERT INTO destinations (route_type, request_route, destination, app_id) "
                        + "VALUES (?, ?, ?, ?)";
                row(db, destination, 1, "/", "10.0.0.1:8443", 201);
                row(db, destination, 4, "/static/", "/var/www/static", 201);
                row(db, destination, 1, "/api/", "10.0.0.2:9000", 201);
                row(db, destination, 4, "/", "/var/www/html", 202);
                row(db, destination, 1, "/", "10.0.0.3:8080", 203);
                row(db, destination, 1, "/", "10.0.0.4:8080", 203);
                String domain = "INSERT INTO domains (id, name, app_id, cert_id, redirect, location) "
                        + "VALUES (?, ?, ?, ?, ?, ?)";
                row(db, domain, 301, "leaf.example.test", 201, 101, false, "");
                row(db, domain, 302, "old.example.test", 201, 101, true, "https://leaf.example.test/");
                row(db, domain, 303, "auto.example.test", 201, null, false, "");
                row(db, domain, 304, "auto2.example.test", 201, 0, false, "");
                row(db, domain, 305, "*.apps.example.test", 203, 102, false, "");
                row(db, domain, 306, "sealed.example.test", 203, 103, false, "");
            }
            var times = ReadersTest.times(home);

            MigrationPlan plan = Janusec.read(JanusecDatabase.postgresql(POSTGRESQL + name, USER, PASSWORD), home);

            assertEquals(List.of("certificates/101/leaf.example.test.crt", "certificates/101/leaf.example.test.key",
                    "certificates/102/*.apps.example.test.crt", "certificates/102/*.apps.example.test.key",
                    "certs/auto.example.test"), plan.files().stream().map(ImportFile::name).toList());
            assertArrayEquals(ReadersTest.fixture("leaf.key.pem"), plan.files().get(1).content(),
                    "the key opened as Janusec sealed it");
            assertArrayEquals(ReadersTest.fixture("wildcard.key.pem"), plan.files().get(3).content());
            assertEquals(List.of(false, false, false, false, true),
                    plan.files().stream().map(ImportFile::acme).toList(), "only the automatic one is adopted");
            assertArrayEquals(autocert, plan.files().get(4).content());

            assertEquals(List.of("janusec-shop", "janusec-apps"),
                    plan.applications().stream().map(MigrationPlan.PlannedApplication::name).toList());
            MigrationPlan.PlannedApplication shop = plan.applications().get(0);
            assertEquals(List.of("https://10.0.0.1:8443"), shop.backends());
            assertEquals(List.of(
                    new MigrationPlan.PlannedDomain("leaf.example.test", "certificates/101/leaf.example.test.crt",
                            null, null, true, true),
                    new MigrationPlan.PlannedDomain("auto.example.test", "certs/auto.example.test", "HTTP_01", null,
                            true, true),
                    new MigrationPlan.PlannedDomain("auto2.example.test", null, "HTTP_01", null, true, true)),
                    shop.domains());
            MigrationPlan.PlannedApplication apps = plan.applications().get(1);
            assertEquals(List.of("http://10.0.0.3:8080", "http://10.0.0.4:8080"), apps.backends());
            assertEquals(List.of(new MigrationPlan.PlannedDomain("*.apps.example.test",
                    "certificates/102/*.apps.example.test.crt", null, null, false, false)), apps.domains());

            List<String> notes = plan.notes();
            assertTrue(notes.contains("certificate 103 (leaf.example.test): its private key does not open with the "
                    + "instance key; left out."), notes.toString());
            assertTrue(notes.contains("application 201 (shop): the domain old.example.test only redirects to "
                    + "https://leaf.example.test/; left out."), notes.toString());
            assertTrue(notes.contains("application 201 (shop): auto2.example.test has Janusec's automatic "
                    + "certificate; none is in " + cache + ", so certgate orders one."), notes.toString());
            assertTrue(notes.contains("application 201 (shop): a destination of route type 4 (not a reverse proxy: "
                    + "FastCGI, static files or Kubernetes) is left out."), notes.toString());
            assertTrue(notes.contains("application 201 (shop): the destination 10.0.0.2:9000 of the route /api/ is "
                    + "left out (certgate proxies a whole host)."), notes.toString());
            assertTrue(notes.contains("application 202 (static-only): no reverse-proxy destination; not created."),
                    notes.toString());
            assertTrue(notes.contains("application 203 (apps): the domain sealed.example.test uses the certificate "
                    + "103, which is not imported; left out."), notes.toString());
            assertFalse(plan.toString().contains("PRIVATE KEY"), "a plan's text never shows a key");
            assertEquals(times, ReadersTest.times(home), "nothing in the installation directory was touched");
            try (Connection db = connect(name); Statement st = db.createStatement();
                 var rs = st.executeQuery("SELECT COUNT(*) FROM certificates")) {
                rs.next();
                assertEquals(3, rs.getInt(1));
            }
        });
    }

    @Test
    void aDatabaseThatIsNotJanusecsIsSaidPlainly(@TempDir Path home) throws Exception {
        inFreshDatabase(name -> {
            JanusecDatabase empty = JanusecDatabase.postgresql(POSTGRESQL + name, USER, PASSWORD);
            assertEquals(empty + " is not Janusec's database: its table settings could not be read (ERROR: "
                    + "relation \"settings\" does not exist).",
                    assertThrows(MigrationException.class, () -> Janusec.read(empty, home)).getMessage());
            try (Connection db = connect(name)) {
                schema(db);
            }
            assertEquals(empty + " is not Janusec's database, or Janusec never started on it: its settings hold no "
                    + "instance_key.", assertThrows(MigrationException.class, () -> Janusec.read(empty, home))
                    .getMessage());
            try (Connection db = connect(name)) {
                byte[] notTheRootKey = new byte[32];
                RANDOM.nextBytes(notTheRootKey);
                row(db, "INSERT INTO settings (id, name, string_value) VALUES (1, 'instance_key', ?)",
                        HexFormat.of().formatHex(seal(new byte[32], notTheRootKey)));
            }
            assertTrue(assertThrows(MigrationException.class, () -> Janusec.read(empty, home)).getMessage()
                    .contains("does not open with Janusec's root key"));
        });
    }

    @Test
    void aBadUrlOrHomeIsSaidPlainly(@TempDir Path home) throws Exception {
        assertEquals("The database URL jdbc:mariadb://db/janusec is not a PostgreSQL URL: give "
                + "jdbc:postgresql://HOST:PORT/NAME (the database of Janusec's config.json).",
                assertThrows(MigrationException.class, () -> JanusecDatabase.postgresql("jdbc:mariadb://db/janusec",
                        "janusec", "pw")).getMessage());
        assertTrue(assertThrows(MigrationException.class, () -> Janusec.read(JanusecDatabase.postgresql(
                "jdbc:postgresql://127.0.0.1:1/janusec", "janusec", "pw"), home)).getMessage()
                .startsWith("Could not connect to jdbc:postgresql://127.0.0.1:1/janusec as janusec ("));
        assertTrue(assertThrows(MigrationException.class, () -> Janusec.read(JanusecDatabase.postgresql(
                "jdbc:postgresql://127.0.0.1:1/janusec", "janusec", "pw"), home.resolve("nope"))).getMessage()
                .contains("is not a directory: give Janusec's installation directory"));
    }
}
