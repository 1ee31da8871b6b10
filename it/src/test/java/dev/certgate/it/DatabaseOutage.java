package dev.certgate.it;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The database taken away from the server under test, and given back: certgate's own MariaDB account (named as its
 * database, bin/test) is locked and its open sessions are killed, so every connection the server has is dead and
 * every new one is refused, as after a stop of the database server; {@link #close} unlocks it. The MariaDB at
 * 127.0.0.1:3306 may serve other checkouts' tests, so it is never stopped itself; this is the same MariaDB refusing
 * one client, through its own account management.
 */
final class DatabaseOutage implements AutoCloseable {

    private final String account;

    private DatabaseOutage(String account) {
        this.account = account;
    }

    static DatabaseOutage begin() throws SQLException {
        String path = URI.create(ItSettings.DB_URL.substring("jdbc:".length())).getPath();
        String account = path.substring(1);
        if (!account.matches("[a-z0-9_]+")) {
            throw new IllegalStateException("not a database name bin/test makes: " + account);
        }
        DatabaseOutage outage = new DatabaseOutage(account);
        outage.lock(true);
        try (Connection c = Database.connect()) {
            List<Long> sessions = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?")) {
                st.setString(1, account);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        sessions.add(rs.getLong(1));
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                for (long id : sessions) {
                    try {
                        st.execute("KILL CONNECTION " + id);
                    } catch (SQLException gone) {
                        // ended meanwhile
                    }
                }
            }
        }
        return outage;
    }

    private void lock(boolean locked) throws SQLException {
        try (Connection c = Database.connect(); Statement st = c.createStatement()) {
            for (String host : List.of("localhost", "127.0.0.1")) {
                st.execute("ALTER USER '" + account + "'@'" + host + "' ACCOUNT " + (locked ? "LOCK" : "UNLOCK"));
            }
        }
    }

    @Override
    public void close() throws SQLException {
        lock(false);
    }
}
