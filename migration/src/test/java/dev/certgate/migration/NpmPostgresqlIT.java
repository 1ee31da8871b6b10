package dev.certgate.migration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Nginx Proxy Manager on PostgreSQL ({@code DB_POSTGRES_*}): the same installation as {@link NpmTest} in a fresh
 * database of a real PostgreSQL ({@code -Dcertgate.test.postgresql=jdbc:postgresql://HOST:PORT/}, else 127.0.0.1:5432
 * as postgres), dropped again; skipped, saying why, when none answers.
 */
class NpmPostgresqlIT {

    private static final String POSTGRESQL = System.getProperty("certgate.test.postgresql",
            "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getProperty("certgate.test.postgresql.user", "postgres");
    private static final String PASSWORD = System.getProperty("certgate.test.postgresql.password", "");

    private static Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("stringtype", "unspecified"); // the fixture's text goes into json columns, as knex's
        return new org.postgresql.Driver().connect(POSTGRESQL + database, properties);
    }

    @Test
    void anNpmInstallationOnPostgresqlGivesItsCertificatesAndProxyHosts(@TempDir Path dir) throws Exception {
        Connection admin;
        try {
            admin = connect("postgres");
        } catch (SQLException e) {
            assumeTrue(false, "No PostgreSQL answers at " + POSTGRESQL + " (" + e.getMessage() + "); the "
                    + "NPM-on-PostgreSQL test is skipped. Give one with -Dcertgate.test.postgresql=URL.");
            return;
        }
        Path data = Files.createDirectories(dir.resolve("data"));
        Path letsencrypt = Files.createDirectories(dir.resolve("letsencrypt"));
        String name = "movein_npm_" + UUID.randomUUID().toString().substring(0, 8);
        try (admin; Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
            try {
                try (Connection db = connect(name)) {
                    NpmFixture.installation(db, data, letsencrypt);
                }
                NpmDatabase database = NpmDatabase.server(POSTGRESQL + name, USER, PASSWORD);

                NpmTest.assertInstallation(Npm.read(database, data, letsencrypt), data, letsencrypt);

                try (Connection db = connect(name); Statement drop = db.createStatement()) {
                    drop.execute("DROP TABLE proxy_host");
                }
                MigrationException e = assertThrows(MigrationException.class, () -> Npm.read(database, data,
                        letsencrypt));
                assertEquals(database + " is not Nginx Proxy Manager's database: its table proxy_host with the "
                        + "columns " + NpmDatabase.PROXY_HOST_COLUMNS + " could not be read (ERROR: relation "
                        + "\"proxy_host\" does not exist).", e.getMessage());
                assertTrue(database.toString().endsWith(" as " + USER), database.toString());
            } finally {
                st.execute("DROP DATABASE " + name + " WITH (FORCE)");
            }
        }
    }
}
