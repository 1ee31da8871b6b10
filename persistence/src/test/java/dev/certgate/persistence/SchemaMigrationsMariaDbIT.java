package dev.certgate.persistence;

import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The migrations build the same schema on a real MariaDB as on H2 ({@link SchemaMigrationsTest}), in a fresh database
 * that the test drops again. Needs a MariaDB server, so it runs in the {@code services} profile (failsafe), which
 * bin/test turns on with the server it made sure answers: {@code -Dcertgate.test.mariadb=jdbc:mariadb://HOST:PORT/}.
 */
class SchemaMigrationsMariaDbIT {

    /** Server URL of the MariaDB to test against, ending in "/". */
    private static final String MARIADB = System.getProperty("certgate.test.mariadb", "jdbc:mariadb://127.0.0.1:3306/");
    private static final String MARIADB_USER = System.getProperty("certgate.test.mariadb.user", "root");
    private static final String MARIADB_PASSWORD = System.getProperty("certgate.test.mariadb.password", "");

    @Test
    void migratesMariaDbAndIsIdempotent() throws SQLException {
        String database = "certgate_migration_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection(MARIADB, MARIADB_USER, MARIADB_PASSWORD);
             Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + database);
            try {
                MariaDbDataSource maria = new MariaDbDataSource(MARIADB + database);
                maria.setUser(MARIADB_USER);
                maria.setPassword(MARIADB_PASSWORD);
                assertTrue(SchemaMigrations.migrate(maria) >= 1);
                assertEquals(0, SchemaMigrations.migrate(maria));
                assertEquals(SchemaMigrationsTest.TABLES, SchemaMigrationsTest.certgateTables(maria));
                SchemaMigrationsTest.insertAndReadBack(maria);
            } finally {
                st.execute("DROP DATABASE " + database);
            }
        }
    }
}
