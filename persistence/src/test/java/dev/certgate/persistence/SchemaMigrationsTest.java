package dev.certgate.persistence;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The migrations build the expected schema on H2 (the embedded default); {@link SchemaMigrationsMariaDbIT} checks the
 * same on a real MariaDB.
 */
class SchemaMigrationsTest {

    static final List<String> TABLES =
            List.of("acme_account", "acme_challenge", "acme_domain", "alert_channel", "alert_delivery", "alert_lease", "alert_raised", "app_user", "app_user_role", "application", "audit_event", "certificate", "certificate_name", "change_sequence", "cluster_node", "domain", "gateway_settings", "local_ca", "schema_history");

    @Test
    void migratesH2InMariaDbModeAndIsIdempotent() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        assertTrue(SchemaMigrations.migrate(h2) >= 1);
        assertEquals(0, SchemaMigrations.migrate(h2));
        assertEquals(TABLES, certgateTables(h2));
        insertAndReadBack(h2);
    }

    static List<String> certgateTables(DataSource ds) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = ds.getConnection();
             ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[]{"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toLowerCase());
            }
        }
        tables.sort(null);
        return tables;
    }

    /** A row with a multi-kilobyte chain and binary key columns fits on both databases. */
    static void insertAndReadBack(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            String chain = "x".repeat(70_000);
            st.executeUpdate("INSERT INTO certificate (id, common_name, issuer, serial_number, not_before, not_after,"
                    + " fingerprint_sha256, key_algorithm, chain_pem, kek_id, wrapped_data_key, key_ciphertext,"
                    + " created_at, version) VALUES ('id-1', 'a.test', 'CN=a.test', '01',"
                    + " '2026-01-01 00:00:00.123456', '2027-01-01 00:00:00', 'ff', 'EC', '" + chain + "', 'k1',"
                    + " X'0102', X'0304', '2026-01-01 00:00:00', 0)");
            st.executeUpdate("INSERT INTO certificate_name (certificate_id, position, name) VALUES ('id-1', 0, 'a.test')");
            try (ResultSet rs = st.executeQuery("SELECT LENGTH(chain_pem), not_before FROM certificate")) {
                assertTrue(rs.next());
                assertEquals(70_000, rs.getInt(1));
                assertEquals("2026-01-01T00:00:00.123456", rs.getTimestamp(2).toLocalDateTime().toString());
            }
            st.executeUpdate("DELETE FROM certificate");
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM certificate_name")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getInt(1), "names go with their certificate");
            }
        }
    }
}
