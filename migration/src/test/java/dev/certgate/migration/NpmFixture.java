package dev.certgate.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An Nginx Proxy Manager installation as NPM leaves it: the tables {@code certificate} and {@code proxy_host} with the
 * columns NPM's migrations create and this reader reads (the same SQL on SQLite and MariaDB: knex makes JSON
 * columns {@code json}, flags {@code integer}), and its folders: {@code custom_ssl/npm-<id>/} under the data
 * directory and a certbot tree with {@code live/npm-<id>/} linking into {@code archive/}.
 */
final class NpmFixture {

    /** What the DNS provider credentials hold: never to be seen in a plan. */
    static final String DNS_SECRET = "dns_cloudflare_api_token = s3cr3t-Token-0f-NPM";

    private NpmFixture() {
    }

    static void schema(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE certificate (id INTEGER NOT NULL PRIMARY KEY, "
                    + "is_deleted INTEGER NOT NULL DEFAULT 0, provider VARCHAR(255) NOT NULL, "
                    + "nice_name VARCHAR(255) NOT NULL DEFAULT '', domain_names JSON NOT NULL, meta JSON NOT NULL)");
            st.execute("CREATE TABLE proxy_host (id INTEGER NOT NULL PRIMARY KEY, "
                    + "is_deleted INTEGER NOT NULL DEFAULT 0, domain_names JSON NOT NULL, "
                    + "forward_host VARCHAR(255) NOT NULL, forward_port INTEGER NOT NULL, "
                    + "certificate_id INTEGER NOT NULL DEFAULT 0, ssl_forced INTEGER NOT NULL DEFAULT 0, "
                    + "forward_scheme VARCHAR(255) NOT NULL DEFAULT 'http', enabled INTEGER NOT NULL DEFAULT 1, "
                    + "hsts_enabled INTEGER NOT NULL DEFAULT 0)");
        }
    }

    static void certificate(Connection db, long id, boolean deleted, String provider, String niceName,
                            String domainNames, String meta) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("INSERT INTO certificate (id, is_deleted, provider, nice_name, "
                + "domain_names, meta) VALUES (?, ?, ?, ?, ?, ?)")) {
            st.setLong(1, id);
            st.setInt(2, deleted ? 1 : 0);
            st.setString(3, provider);
            st.setString(4, niceName);
            st.setString(5, domainNames);
            st.setString(6, meta);
            st.executeUpdate();
        }
    }

    static void proxyHost(Connection db, long id, boolean deleted, boolean enabled, String domainNames, String scheme,
                          String host, int port, long certificateId, boolean sslForced, boolean hsts)
            throws SQLException {
        try (PreparedStatement st = db.prepareStatement("INSERT INTO proxy_host (id, is_deleted, enabled, "
                + "domain_names, forward_scheme, forward_host, forward_port, certificate_id, ssl_forced, hsts_enabled) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setLong(1, id);
            st.setInt(2, deleted ? 1 : 0);
            st.setInt(3, enabled ? 1 : 0);
            st.setString(4, domainNames);
            st.setString(5, scheme);
            st.setString(6, host);
            st.setInt(7, port);
            st.setLong(8, certificateId);
            st.setInt(9, sslForced ? 1 : 0);
            st.setInt(10, hsts ? 1 : 0);
            st.executeUpdate();
        }
    }

    /**
     * The installation every NPM test reads: certificates 1 (Let's Encrypt, HTTP), 2 (uploaded, a wildcard), 3
     * (deleted), 4 (uploaded, its files lost), 5 (Let's Encrypt by DNS challenge, with credentials in its meta);
     * proxy hosts 1 to 7 (one deleted, one disabled, one on the lost certificate, one without certificate).
     */
    static void installation(Connection db, Path data, Path letsencrypt) throws SQLException, IOException {
        schema(db);
        certificate(db, 1, false, "letsencrypt", "leaf.example.test", "[\"leaf.example.test\"]",
                "{\"letsencrypt_email\":\"ops@example.test\",\"letsencrypt_agree\":true,\"dns_challenge\":false}");
        certificate(db, 2, false, "other", "Apps wildcard", "[\"*.apps.example.test\"]",
                "{\"certificate\":\"-----BEGIN CERTIFICATE-----\\n...\",\"certificate_key\":\"(NPM keeps it)\"}");
        certificate(db, 3, true, "letsencrypt", "old.example.test", "[\"old.example.test\"]", "{}");
        certificate(db, 4, false, "other", "Lost one", "[\"lost.example.test\"]", "{}");
        certificate(db, 5, false, "letsencrypt", "", "[\"*.apps.example.test\",\"apps.example.test\"]",
                "{\"dns_challenge\":true,\"dns_provider\":\"cloudflare\",\"dns_provider_credentials\":\""
                        + DNS_SECRET + "\",\"propagation_seconds\":30,\"key_type\":\"ecdsa\"}");
        proxyHost(db, 1, false, true, "[\"leaf.example.test\"]", "http", "127.0.0.1", 9001, 1, true, true);
        proxyHost(db, 2, false, true, "[\"*.apps.example.test\"]", "https", "10.0.0.2", 8443, 2, false, false);
        proxyHost(db, 3, true, true, "[\"old.example.test\"]", "http", "10.0.0.3", 80, 3, false, false);
        proxyHost(db, 4, false, false, "[\"off.example.test\"]", "http", "10.0.0.4", 80, 1, false, false);
        proxyHost(db, 5, false, true, "[\"lost.example.test\"]", "http", "10.0.0.5", 80, 4, false, false);
        proxyHost(db, 6, false, true, "[\"plain.example.test\"]", "http", "::1", 8080, 0, false, false);
        proxyHost(db, 7, false, true, "[\"apps.example.test\"]", "http", "app-7", 3000, 5, true, false);

        ReadersTest.certbotLineage(letsencrypt, "npm-1", "leaf", "authenticator = webroot");
        ReadersTest.certbotLineage(letsencrypt, "npm-5", "wildcard", "authenticator = dns-cloudflare");
        Path custom = Files.createDirectories(data.resolve("custom_ssl/npm-2"));
        Files.write(custom.resolve("fullchain.pem"), ReadersTest.fixture("wildcard.crt.pem"));
        Files.write(custom.resolve("privkey.pem"), ReadersTest.fixture("wildcard.key.pem"));
        Files.createDirectories(data.resolve("custom_ssl/npm-4")); // emptied by hand: its files are gone
    }
}
