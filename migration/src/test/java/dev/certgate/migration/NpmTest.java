package dev.certgate.migration;

import dev.certgate.api.ImportFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nginx Proxy Manager on its default SQLite database, with its folders, read without a change to anything. */
class NpmTest {

    static Connection sqlite(Path file) throws SQLException {
        return new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new java.util.Properties());
    }

    /** What {@link NpmFixture#installation} gives, whatever database NPM used. */
    static void assertInstallation(MigrationPlan plan, Path data, Path letsencrypt) {
        assertEquals("npm", plan.source());
        assertEquals(List.of("live/npm-1/fullchain.pem", "live/npm-1/privkey.pem", "custom_ssl/npm-2/fullchain.pem",
                "custom_ssl/npm-2/privkey.pem", "live/npm-5/fullchain.pem", "live/npm-5/privkey.pem"),
                plan.files().stream().map(ImportFile::name).toList());
        assertEquals(List.of(true, true, false, false, true, true),
                plan.files().stream().map(ImportFile::acme).toList(), "Let's Encrypt adopted, uploaded ones not");
        assertArrayEquals(ReadersTest.fixture("leaf.key.pem"), plan.files().get(1).content(), "the link is followed");
        assertArrayEquals(ReadersTest.fixture("wildcard.crt.pem"), plan.files().get(2).content());
        assertEquals("npm certificate 1 " + letsencrypt.resolve("live/npm-1"), plan.files().get(0).origin());
        assertEquals("npm certificate 2 " + data.resolve("custom_ssl/npm-2"), plan.files().get(2).origin());

        assertEquals(List.of("npm-leaf.example.test", "npm-wildcard.apps.example.test", "npm-lost.example.test",
                "npm-plain.example.test", "npm-apps.example.test"),
                plan.applications().stream().map(MigrationPlan.PlannedApplication::name).toList(),
                "deleted and disabled hosts are not planned");
        MigrationPlan.PlannedApplication leaf = plan.applications().get(0);
        assertEquals(List.of("http://127.0.0.1:9001"), leaf.backends());
        assertEquals(List.of(new MigrationPlan.PlannedDomain("leaf.example.test", "live/npm-1/fullchain.pem",
                "HTTP_01", "EC_P256", true, true)), leaf.domains(), "adopted, SSL forced and HSTS as in NPM");
        MigrationPlan.PlannedApplication wildcard = plan.applications().get(1);
        assertEquals(List.of("https://10.0.0.2:8443"), wildcard.backends());
        assertEquals(List.of(new MigrationPlan.PlannedDomain("*.apps.example.test", "custom_ssl/npm-2/fullchain.pem",
                null, null, false, false)), wildcard.domains(), "bound to the uploaded certificate");
        assertEquals(List.of(), plan.applications().get(2).domains(), "its certificate's files are missing");
        assertEquals(List.of("http://[::1]:8080"), plan.applications().get(3).backends());
        assertEquals(List.of(), plan.applications().get(3).domains(), "NPM served it without a certificate");
        assertEquals(List.of(new MigrationPlan.PlannedDomain("apps.example.test", "live/npm-5/fullchain.pem",
                "DNS_01", "EC_P256", true, false)), plan.applications().get(4).domains(), "NPM used DNS-01");

        List<String> notes = plan.notes();
        assertTrue(notes.contains("certificate 3 (old.example.test): deleted in NPM; skipped."), notes.toString());
        assertTrue(notes.contains("certificate 4 (Lost one): its files are missing (no "
                + data.resolve("custom_ssl/npm-4") + "/fullchain.pem and privkey.pem); left out."), notes.toString());
        assertTrue(notes.contains("proxy host 3 (old.example.test): deleted in NPM; skipped."), notes.toString());
        assertTrue(notes.contains("proxy host 4 (off.example.test): disabled in NPM; skipped."), notes.toString());
        assertTrue(notes.contains("proxy host 5 (lost.example.test): its certificate 4 is not imported (its files are "
                + "missing); its application is created without domains."), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("certificate 5 (*.apps.example.test, apps.example.test): "
                + "Let's Encrypt, adopted; renewed by certgate with DNS_01 (NPM used the DNS provider cloudflare")),
                notes.toString());
        assertFalse(plan.toString().contains("s3cr3t"), "the DNS credentials are never shown");
    }

    @Test
    void anNpmInstallationOnSqliteGivesItsCertificatesAndProxyHosts(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path letsencrypt = Files.createDirectories(dir.resolve("letsencrypt"));
        Path database = data.resolve("database.sqlite");
        try (Connection db = sqlite(database)) {
            NpmFixture.installation(db, data, letsencrypt);
        }
        byte[] before = Files.readAllBytes(database);
        var times = ReadersTest.times(dir);

        MigrationPlan plan = Npm.read(NpmDatabase.sqlite(database), data, letsencrypt);

        assertInstallation(plan, data, letsencrypt);
        assertTrue(plan.location().startsWith(database.toString()), plan.location());
        assertArrayEquals(before, Files.readAllBytes(database), "the database is only read");
        assertEquals(times, ReadersTest.times(dir), "nothing in the source was touched");
        try (var list = Files.list(data)) {
            assertEquals(List.of("custom_ssl", "database.sqlite"),
                    list.map(p -> p.getFileName().toString()).sorted().toList(), "no journal left beside it");
        }
    }

    @Test
    void aMissingDatabaseIsSaidPlainlyAndNotCreated(@TempDir Path data) {
        Path database = data.resolve("database.sqlite");
        MigrationException e = assertThrows(MigrationException.class,
                () -> Npm.read(NpmDatabase.sqlite(database), data, data));
        assertEquals("There is no file " + database + ": Nginx Proxy Manager keeps its SQLite database in "
                + "/data/database.sqlite (or the file DB_SQLITE_FILE names); give its data directory, or --sqlite "
                + "FILE.", e.getMessage());
        assertFalse(Files.exists(database), "opening it read-only creates nothing");
    }

    @Test
    void aFileThatIsNoDatabaseIsSaidPlainly(@TempDir Path data) throws Exception {
        Path notSqlite = Files.writeString(data.resolve("database.sqlite"), "this is a text file\n".repeat(100));
        MigrationException e = assertThrows(MigrationException.class,
                () -> Npm.read(NpmDatabase.sqlite(notSqlite), data, data));
        assertTrue(e.getMessage().startsWith(notSqlite + " is not Nginx Proxy Manager's database: its table "
                + "certificate"), e.getMessage());
        assertTrue(e.getMessage().contains("not a database"), e.getMessage());
        assertEquals("this is a text file\n".repeat(100), Files.readString(notSqlite));
    }

    @Test
    void anotherToolsDatabaseIsSaidPlainly(@TempDir Path data) throws Exception {
        Path other = data.resolve("other.sqlite");
        try (Connection db = sqlite(other); Statement st = db.createStatement()) {
            st.execute("CREATE TABLE certificates (id INTEGER PRIMARY KEY, pem TEXT)");
        }
        MigrationException e = assertThrows(MigrationException.class,
                () -> Npm.read(NpmDatabase.sqlite(other), data, data));
        assertEquals(other + " is not Nginx Proxy Manager's database: its table certificate with the columns "
                + NpmDatabase.CERTIFICATE_COLUMNS + " could not be read ([SQLITE_ERROR] SQL error or missing database "
                + "(no such table: certificate)).", e.getMessage());
    }

    @Test
    void anNpmOlderThanItsForwardSchemeColumnIsSaidPlainly(@TempDir Path data) throws Exception {
        Path old = data.resolve("database.sqlite");
        try (Connection db = sqlite(old); Statement st = db.createStatement()) {
            NpmFixture.schema(db);
            st.execute("ALTER TABLE proxy_host DROP COLUMN forward_scheme");
        }
        MigrationException e = assertThrows(MigrationException.class,
                () -> Npm.read(NpmDatabase.sqlite(old), data, data));
        assertTrue(e.getMessage().contains("its table proxy_host with the columns " + NpmDatabase.PROXY_HOST_COLUMNS
                + " could not be read"), e.getMessage());
        assertTrue(e.getMessage().contains("no such column: forward_scheme"), e.getMessage());
    }

    @Test
    void aBrokenJsonColumnNamesItsRowNotItsContent(@TempDir Path data) throws Exception {
        Path database = data.resolve("database.sqlite");
        try (Connection db = sqlite(database)) {
            NpmFixture.schema(db);
            NpmFixture.certificate(db, 9, false, "letsencrypt", "x", "[\"x.example.test\"]",
                    "{\"dns_provider_credentials\":\"" + NpmFixture.DNS_SECRET + "\",");
        }
        MigrationException e = assertThrows(MigrationException.class,
                () -> Npm.read(NpmDatabase.sqlite(database), data, data));
        assertTrue(e.getMessage().contains("the column meta of certificate row 9 is not JSON"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    }

    @Test
    void aDataDirectoryThatIsNotOneIsSaidPlainly(@TempDir Path dir) {
        MigrationException e = assertThrows(MigrationException.class,
                () -> Npm.read(NpmDatabase.sqlite(dir.resolve("database.sqlite")), dir.resolve("nope"), dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("nope") + " is not a directory: give Nginx Proxy "
                + "Manager's data directory"), e.getMessage());
    }

    @Test
    void aDatabaseUrlThatIsNotMysqlIsSaidPlainly() throws Exception {
        assertEquals("The database URL jdbc:sqlserver://db/npm is not a MySQL, MariaDB or PostgreSQL URL: give "
                + "jdbc:mariadb://HOST:PORT/NAME (NPM's DB_MYSQL_HOST, DB_MYSQL_PORT and DB_MYSQL_NAME) or "
                + "jdbc:postgresql://HOST:PORT/NAME (its DB_POSTGRES_...).",
                assertThrows(MigrationException.class, () -> NpmDatabase.server("jdbc:sqlserver://db/npm", "npm",
                        "pw")).getMessage());
        assertTrue(assertThrows(MigrationException.class, () -> NpmDatabase.server("jdbc:postgresql://db:5432",
                "npm", "pw")).getMessage().contains("names no database"));
        assertTrue(assertThrows(MigrationException.class, () -> NpmDatabase.server("jdbc:mysql://db:3306/", "npm",
                "pw")).getMessage().contains("names no database"));
        assertEquals("jdbc:mariadb://db:3306/npm as npm", NpmDatabase.server("jdbc:mysql://db:3306/npm", "npm",
                "the-password").toString(), "the MariaDB driver reads MySQL; the password is never shown");
    }

    @Test
    void jsonColumnsAreReadAsNpmWritesThem() {
        assertEquals(List.of("a.example.test", "*.b.example.test"),
                JsonText.parse(" [\"a.example.test\", \"*.b.example.test\"] "));
        assertEquals(java.util.Map.of("dns_challenge", true, "n", new java.math.BigDecimal("30"), "s", "x\n\"y\u00e9",
                "z", java.util.Arrays.asList(null, false)), JsonText.parse(
                "{\"dns_challenge\":true,\"n\":30,\"s\":\"x\\n\\\"y\\u00e9\",\"z\":[null,false]}"));
        assertThrows(IllegalArgumentException.class, () -> JsonText.parse("[\"a\""));
        assertThrows(IllegalArgumentException.class, () -> JsonText.parse("{} x"));
        assertThrows(IllegalArgumentException.class, () -> JsonText.parse("[".repeat(100)));
    }
}
