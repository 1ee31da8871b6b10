package dev.certgate.migration;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * A Janusec Application Gateway's PostgreSQL database (its {@code config.json}'s {@code primary_node.database}), only
 * read: a read-only connection that sends only {@code SELECT}s. Janusec seals each certificate's private key
 * ({@code certificates.priv_key}) with AES-256-GCM under its instance key (a 12-byte nonce, then the ciphertext and
 * its tag), and keeps the instance key in {@code settings} ({@code name = 'instance_key'}, hex) sealed the same way
 * under a root key that is a constant of Janusec's source. Its {@link #toString()} never shows a password.
 */
public final class JanusecDatabase {

    /** Janusec's root key: a fixed value published in its source ({@code data/crypt.go}), the same in every build. */
    private static final byte[] ROOT_KEY = HexFormat.of().parseHex(
            "58309a83b94a93313a8de8f3ca815f709f4ea52066417b2ae592f2dbfd1c69ab");

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String url;
    private final String user;
    private final String password;

    private JanusecDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * Janusec's database.
     *
     * @param url      {@code jdbc:postgresql://HOST[:PORT]/NAME}
     * @param user     the database user; null: none given
     * @param password its password; null: none
     * @throws MigrationException when {@code url} is not such a URL
     */
    public static JanusecDatabase postgresql(String url, String user, String password) throws MigrationException {
        Objects.requireNonNull(url, "url");
        if (!url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql://")) {
            throw new MigrationException("The database URL " + url + " is not a PostgreSQL URL: give "
                    + "jdbc:postgresql://HOST:PORT/NAME (the database of Janusec's config.json).");
        }
        return new JanusecDatabase(url, user, password);
    }

    @Override
    public String toString() {
        return url + (user == null ? "" : " as " + user);
    }

    /** A certificate with its private key opened (PEM text). */
    record CertificateRow(long id, String commonName, String certificatePem, byte[] privateKeyPem,
                          String description) {
        @Override
        public String toString() {
            return "CertificateRow[" + id + ", " + commonName + "]"; // never the key
        }
    }

    /** A certificate whose key could not be opened. */
    record SealedCertificate(long id, String commonName, String why) {
    }

    record ApplicationRow(long id, String name, String internalScheme, boolean redirectHttps, boolean hsts) {
    }

    /** {@code certId} 0: an automatic (ACME) certificate. */
    record DomainRow(long id, String name, long appId, long certId, boolean redirect, String location) {
    }

    record DestinationRow(long appId, long routeType, String requestRoute, String destination) {
    }

    record Rows(List<CertificateRow> certificates, List<SealedCertificate> sealed, List<ApplicationRow> applications,
                List<DomainRow> domains, List<DestinationRow> destinations) {
    }

    /**
     * Reads the certificates (their keys opened), applications, domains and destinations.
     *
     * @throws MigrationException when the database cannot be reached, is not Janusec's, or its instance key cannot
     *                            be opened
     */
    Rows read() throws MigrationException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("readOnly", "true");
        Connection connection;
        try {
            connection = new org.postgresql.Driver().connect(url, properties);
            if (connection == null) {
                throw new MigrationException("The PostgreSQL driver did not accept the URL " + url + ".");
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not connect to " + this + " (" + firstLine(e) + ").", e);
        }
        try (connection) {
            connection.setReadOnly(true);
            byte[] instanceKey = instanceKey(connection);
            try {
                List<CertificateRow> certificates = new ArrayList<>();
                List<SealedCertificate> sealed = new ArrayList<>();
                query(connection, "certificates", "SELECT id, common_name, pub_cert, priv_key, description FROM "
                        + "certificates ORDER BY id", rs -> {
                    long id = rs.getLong("id");
                    String commonName = rs.getString("common_name");
                    byte[] sealedKey = rs.getBytes("priv_key");
                    try {
                        certificates.add(new CertificateRow(id, commonName, rs.getString("pub_cert"),
                                open(sealedKey, instanceKey), rs.getString("description")));
                    } catch (GeneralSecurityException | RuntimeException e) {
                        sealed.add(new SealedCertificate(id, commonName, "its private key does not open with the "
                                + "instance key"));
                    }
                });
                List<ApplicationRow> applications = new ArrayList<>();
                query(connection, "applications", "SELECT id, name, internal_scheme, redirect_https, hsts_enabled "
                        + "FROM applications ORDER BY id", rs -> applications.add(new ApplicationRow(rs.getLong("id"),
                        rs.getString("name"), rs.getString("internal_scheme"), rs.getBoolean("redirect_https"),
                        rs.getBoolean("hsts_enabled"))));
                List<DomainRow> domains = new ArrayList<>();
                query(connection, "domains", "SELECT id, name, app_id, cert_id, redirect, location FROM domains "
                        + "ORDER BY id", rs -> domains.add(new DomainRow(rs.getLong("id"), rs.getString("name"),
                        rs.getLong("app_id"), rs.getLong("cert_id"), rs.getBoolean("redirect"),
                        rs.getString("location"))));
                List<DestinationRow> destinations = new ArrayList<>();
                query(connection, "destinations", "SELECT app_id, route_type, request_route, destination FROM "
                        + "destinations ORDER BY id", rs -> destinations.add(new DestinationRow(rs.getLong("app_id"),
                        rs.getLong("route_type"), rs.getString("request_route"), rs.getString("destination"))));
                return new Rows(certificates, sealed, applications, domains, destinations);
            } finally {
                Arrays.fill(instanceKey, (byte) 0);
            }
        } catch (SQLException e) {
            throw new MigrationException("The database " + this + " could not be read (" + firstLine(e) + ").", e);
        }
    }

    private byte[] instanceKey(Connection connection) throws MigrationException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT string_value FROM settings WHERE name = 'instance_key'"); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new MigrationException(this + " is not Janusec's database: its table settings could not be read ("
                    + firstLine(e) + ").", e);
        }
        if (found.isEmpty() || found.get(0) == null) {
            throw new MigrationException(this + " is not Janusec's database, or Janusec never started on it: its "
                    + "settings hold no instance_key.");
        }
        try {
            byte[] key = open(HexFormat.of().parseHex(found.get(0).strip()), ROOT_KEY);
            if (key.length != 32) {
                throw new GeneralSecurityException("not 32 bytes");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new MigrationException("The instance_key in the settings of " + this + " does not open with "
                    + "Janusec's root key (is it a Janusec built with another root key?); no private key can be "
                    + "read.", e);
        }
    }

    /** Opens {@code nonce || ciphertext || tag} (AES-256-GCM, no associated data), as Janusec seals. */
    static byte[] open(byte[] sealed, byte[] key) throws GeneralSecurityException {
        if (sealed == null || sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
        return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }

    /** PostgreSQL's messages go on with a "Position:" line; the first says what. */
    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).strip();
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(Connection connection, String table, String sql, RowReader reader) throws MigrationException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                reader.read(rs);
            }
        } catch (SQLException e) {
            throw new MigrationException(this + " is not Janusec's database: its table " + table + " could not be "
                    + "read (" + firstLine(e) + ").", e);
        }
    }
}
