package dev.certgate.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Direct reads of the MariaDB behind the server under test, as an operator with a SQL client would do. */
final class Database {

    private Database() {
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(ItSettings.DB_URL, ItSettings.DB_USER, ItSettings.DB_PASSWORD);
    }

    /** How many rows a query with one string parameter counts. */
    static long count(String sql, String parameter) throws SQLException {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, parameter);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Runs an update with string parameters, as another node of the cluster would; the rows it changed. */
    static int update(String sql, String... parameters) throws SQLException {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setString(i + 1, parameters[i]);
            }
            return st.executeUpdate();
        }
    }

    /** The audit rows for a target and action. */
    static long auditRows(String target, String action) throws SQLException {
        try (Connection c = connect();
             PreparedStatement st = c.prepareStatement(
                     "SELECT COUNT(*) FROM audit_event WHERE target = ? AND action = ?")) {
            st.setString(1, target);
            st.setString(2, action);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
