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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Nginx Proxy Manager on MySQL/MariaDB ({@code DB_MYSQL_*}): the same installation as {@link NpmTest}, in a fresh
 * database of a real MariaDB that the test drops again. The server is the one bin/test names
 * ({@code -Dcertgate.test.mariadb=jdbc:mariadb://HOST:PORT/}), else 127.0.0.1:3306 as root without a password;
 * without one that answers, these tests are skipped and say so.
 */
class NpmMariaDbIT {

    private static final String MARIADB = System.getProperty("certgate.test.mariadb", "jdbc:mariadb://127.0.0.1:3306/");
    private static final String USER = System.getProperty("certgate.test.mariadb.user", "root");
    private static final String PASSWORD = System.getProperty("certgate.test.mariadb.password", "");

    private static Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("connectTimeout", "3000");
        return new org.mariadb.jdbc.Driver().connect(url, properties);
    }

    /** The server, or the test is skipped with the reason. */
    private static Connection server() {
        try {
            return connect(MARIADB);
        } catch (SQLException e) {
            assumeTrue(false, "No MariaDB answers at " + MARIADB + " (" + e.getMessage() + "); the NPM-on-MariaDB "
                    + "tests are skipped. Give one with -Dcertgate.test.mariadb=jdbc:mariadb://HOST:PORT/.");
            throw new AssertionError(e);
        }
    }

    @Test
    void anNpmInstallationOnMariaDbGivesItsCertificatesAndProxyHosts(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path letsencrypt = Files.createDirectories(dir.resolve("letsencrypt"));
        String name = "movein_npm_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = server(); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
            try {
                try (Connection db = connect(MARIADB + name)) {
                    NpmFixture.installation(db, data, letsencrypt);
                }
                var times = ReadersTest.times(dir);

                MigrationPlan plan = Npm.read(NpmDatabase.server(MARIADB + name, USER, PASSWORD), data, letsencrypt);

                NpmTest.assertInstallation(plan, data, letsencrypt);
                assertTrue(plan.location().startsWith(MARIADB + name + " as " + USER), plan.location());
                assertEquals(times, ReadersTest.times(dir), "nothing in the folders was touched");
                try (Connection db = connect(MARIADB + name); Statement count = db.createStatement();
                     var rs = count.executeQuery("SELECT COUNT(*) FROM certificate WHERE is_deleted = 0")) {
                    rs.next();
                    assertEquals(4, rs.getInt(1), "the rows are as they were");
                }
            } finally {
                st.execute("DROP DATABASE " + name);
            }
        }
    }

    @Test
    void aDatabaseThatIsNotNpmsIsSaidPlainly(@TempDir Path data) throws Exception {
        String name = "movein_npm_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = server(); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
            try {
                MigrationException e = assertThrows(MigrationException.class, () -> Npm.read(
                        NpmDatabase.server(MARIADB + name, USER, PASSWORD), data, data));
                assertTrue(e.getMessage().startsWith(MARIADB + name + " as " + USER + " is not Nginx Proxy Manager's "
                        + "database: its table certificate with the columns"), e.getMessage());
                assertTrue(e.getMessage().contains("doesn't exist"), e.getMessage());
            } finally {
                st.execute("DROP DATABASE " + name);
            }
        }
    }

    @Test
    void aWrongPasswordIsSaidPlainlyAndNotShown(@TempDir Path data) throws Exception {
        try (Connection answering = server()) {
            assertTrue(answering.isValid(3));
            String wrong = "not-the-password-" + UUID.randomUUID();
            MigrationException e = assertThrows(MigrationException.class, () -> Npm.read(
                    NpmDatabase.server(MARIADB + "mysql", "movein_nobody", wrong), data, data));
            assertTrue(e.getMessage().startsWith("Could not connect to " + MARIADB + "mysql as movein_nobody ("),
                    e.getMessage());
            assertTrue(e.getMessage().contains("Access denied"), e.getMessage());
            assertFalse(e.getMessage().contains(wrong), e.getMessage());
        }
    }
}
