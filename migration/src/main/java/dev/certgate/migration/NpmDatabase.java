package dev.certgate.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;

/**
 * Where an Nginx Proxy Manager installation keeps its database: an SQLite file (NPM's default,
 * {@code /data/database.sqlite}, or {@code DB_SQLITE_FILE}), a MySQL/MariaDB database ({@code DB_MYSQL_HOST},
 * {@code DB_MYSQL_NAME}, ...) or a PostgreSQL one ({@code DB_POSTGRES_*}). The database is only read: SQLite is
 * opened read-only, and a server connection is marked read-only and sends only {@code SELECT}s. Its
 * {@link #toString()} never shows a password.
 */
public final class NpmDatabase {

    /** The columns read of NPM's {@code certificate} table (created by its first migration). */
    static final String CERTIFICATE_COLUMNS = "id, is_deleted, provider, nice_name, domain_names, meta";

    /**
     * The columns read of {@code proxy_host}: the first migration's, with {@code forward_ip} renamed
     * {@code forward_host} and {@code forward_scheme}, {@code enabled}, {@code hsts_enabled} added by later ones.
     */
    static final String PROXY_HOST_COLUMNS = "id, is_deleted, enabled, domain_names, forward_scheme, forward_host, "
            + "forward_port, certificate_id, ssl_forced, hsts_enabled";

    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final String POSTGRESQL = "jdbc:postgresql://";

    private final Path sqliteFile;
    private final String url;
    private final String user;
    private final String password;

    private NpmDatabase(Path sqliteFile, String url, String user, String password) {
        this.sqliteFile = sqliteFile;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** NPM's SQLite file, e.g. {@code /data/database.sqlite}. */
    public static NpmDatabase sqlite(Path file) {
        return new NpmDatabase(Objects.requireNonNull(file, "file"), null, null, null);
    }

    /**
     * NPM's MySQL, MariaDB or PostgreSQL database.
     *
     * @param url      {@code jdbc:mariadb://HOST[:PORT]/NAME} or {@code jdbc:mysql://...} (read with the MariaDB
     *                 driver), or {@code jdbc:postgresql://HOST[:PORT]/NAME}
     * @param user     the database user; null: none given
     * @param password its password; null: none
     * @throws MigrationException when {@code url} is not such a URL
     */
    public static NpmDatabase server(String url, String user, String password) throws MigrationException {
        Objects.requireNonNull(url, "url");
        String lower = url.toLowerCase(Locale.ROOT);
        String driverUrl;
        if (lower.startsWith("jdbc:mariadb://") || lower.startsWith(POSTGRESQL)) {
            driverUrl = url;
        } else if (lower.startsWith("jdbc:mysql://")) {
            driverUrl = "jdbc:mariadb://" + url.substring("jdbc:mysql://".length());
        } else {
            throw new MigrationException("The database URL " + url + " is not a MySQL, MariaDB or PostgreSQL URL: "
                    + "give jdbc:mariadb://HOST:PORT/NAME (NPM's DB_MYSQL_HOST, DB_MYSQL_PORT and DB_MYSQL_NAME) or "
                    + "jdbc:postgresql://HOST:PORT/NAME (its DB_POSTGRES_...).");
        }
        String path = driverUrl.substring(driverUrl.indexOf("://") + 3);
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1 || path.charAt(slash + 1) == '?') {
            throw new MigrationException("The database URL " + url + " names no database: give "
                    + "jdbc:mariadb://HOST:PORT/NAME or jdbc:postgresql://HOST:PORT/NAME (NPM's DB_MYSQL_NAME or "
                    + "DB_POSTGRES_NAME).");
        }
        return new NpmDatabase(null, driverUrl, user, password);
    }

    /** The file or URL, for messages and the plan's location (never a password). */
    @Override
    public String toString() {
        return sqliteFile != null ? sqliteFile.toString() : url + (user == null ? "" : " as " + user);
    }

    /** A certificate row, as NPM keeps it. */
    record CertificateRow(long id, boolean deleted, String provider, String niceName, List<String> domainNames,
                          Object meta) {
    }

    /** A proxy host row, as NPM keeps it. */
    record ProxyHostRow(long id, boolean deleted, boolean enabled, List<String> domainNames, String forwardScheme,
                        String forwardHost, int forwardPort, long certificateId, boolean sslForced,
                        boolean hstsEnabled) {
    }

    /** What was read, in id order. */
    record Rows(List<CertificateRow> certificates, List<ProxyHostRow> proxyHosts) {
    }

    /**
     * Reads the certificates and proxy hosts, deleted rows included (they are marked).
     *
     * @throws MigrationException when the database cannot be opened, or is not NPM's
     */
    Rows read() throws MigrationException {
        try (Connection connection = open()) {
            List<CertificateRow> certificates = select(connection, "certificate", CERTIFICATE_COLUMNS, row ->
                    new CertificateRow(row.number("id"), row.flag("is_deleted"), row.text("provider"),
                            row.text("nice_name"), row.names("domain_names"), row.json("meta")));
            List<ProxyHostRow> hosts = select(connection, "proxy_host", PROXY_HOST_COLUMNS, row ->
                    new ProxyHostRow(row.number("id"), row.flag("is_deleted"), row.flag("enabled"),
                            row.names("domain_names"), row.text("forward_scheme"), row.text("forward_host"),
                            (int) row.number("forward_port"), row.number("certificate_id"), row.flag("ssl_forced"),
                            row.flag("hsts_enabled")));
            return new Rows(certificates, hosts);
        } catch (SQLException e) {
            throw new MigrationException("The database " + this + " could not be read (" + e.getMessage() + ").", e);
        }
    }

    private Connection open() throws MigrationException {
        if (sqliteFile != null) {
            if (!Files.isRegularFile(sqliteFile)) {
                throw new MigrationException("There is no file " + sqliteFile + ": Nginx Proxy Manager keeps its "
                        + "SQLite database in /data/database.sqlite (or the file DB_SQLITE_FILE names); give its "
                        + "data directory, or --sqlite FILE.");
            }
            org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
            config.setReadOnly(true);
            try {
                Connection connection = new org.sqlite.JDBC().connect("jdbc:sqlite:" + sqliteFile,
                        config.toProperties());
                if (connection == null) {
                    throw new MigrationException("The SQLite driver did not accept " + sqliteFile + ".");
                }
                return connection;
            } catch (SQLException e) {
                throw new MigrationException(sqliteFile + " could not be opened as an SQLite database ("
                        + e.getMessage() + ").", e);
            }
        }
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        boolean postgresql = url.toLowerCase(Locale.ROOT).startsWith(POSTGRESQL);
        // the MariaDB driver counts milliseconds, PostgreSQL's seconds
        properties.setProperty("connectTimeout", Integer.toString(postgresql ? CONNECT_TIMEOUT_MS / 1000
                : CONNECT_TIMEOUT_MS));
        try {
            Connection connection = postgresql ? new org.postgresql.Driver().connect(url, properties)
                    : new org.mariadb.jdbc.Driver().connect(url, properties);
            if (connection == null) {
                throw new MigrationException("The database driver did not accept the URL " + url + ".");
            }
            connection.setReadOnly(true);
            return connection;
        } catch (SQLException e) {
            throw new MigrationException("Could not connect to " + this + " (" + firstLine(e) + ").", e);
        }
    }

    /** PostgreSQL's messages go on with a "Position:" line; the first says what. */
    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).strip();
    }

    /** One row of a result, its columns read the way NPM writes them. */
    private interface Row {
        long number(String column) throws SQLException;

        boolean flag(String column) throws SQLException;

        String text(String column) throws SQLException;

        List<String> names(String column) throws SQLException, MigrationException;

        Object json(String column) throws SQLException, MigrationException;
    }

    private interface RowReader<T> {
        T read(Row row) throws SQLException, MigrationException;
    }

    private <T> List<T> select(Connection connection, String table, String columns, RowReader<T> reader)
            throws MigrationException {
        String sql = "SELECT " + columns + " FROM " + table + " ORDER BY id";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                long id = rs.getLong("id");
                Function<String, String> where = column -> "the column " + column + " of " + table + " row " + id;
                rows.add(reader.read(new Row() {
                    @Override
                    public long number(String column) throws SQLException {
                        return rs.getLong(column);
                    }

                    @Override
                    public boolean flag(String column) throws SQLException {
                        return rs.getLong(column) != 0;
                    }

                    @Override
                    public String text(String column) throws SQLException {
                        String value = rs.getString(column);
                        return value == null ? "" : value;
                    }

                    @Override
                    public List<String> names(String column) throws SQLException, MigrationException {
                        Object value = json(column);
                        List<String> names = new ArrayList<>();
                        if (value instanceof List<?> list) {
                            for (Object item : list) {
                                if (item instanceof String name) {
                                    names.add(name);
                                    continue;
                                }
                                throw new MigrationException(where.apply(column) + " is not a list of names.");
                            }
                        } else if (value != null) {
                            throw new MigrationException(where.apply(column) + " is not a list of names.");
                        }
                        return List.copyOf(names);
                    }

                    @Override
                    public Object json(String column) throws SQLException, MigrationException {
                        String value = rs.getString(column);
                        if (value == null || value.isBlank()) {
                            return null;
                        }
                        try {
                            return JsonText.parse(value);
                        } catch (IllegalArgumentException e) {
                            // the message names the place only: meta may hold DNS provider credentials
                            throw new MigrationException(where.apply(column) + " is " + e.getMessage() + ".", e);
                        }
                    }
                }));
            }
            return rows;
        } catch (SQLException e) {
            throw new MigrationException(this + " is not Nginx Proxy Manager's database: its table " + table
                    + " with the columns " + columns + " could not be read (" + firstLine(e) + ").", e);
        }
    }
}
