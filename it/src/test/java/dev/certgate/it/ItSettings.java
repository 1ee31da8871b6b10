package dev.certgate.it;

/** Where the certgate under test runs; set by bin/test through the failsafe configuration. */
final class ItSettings {

    static final String HTTP = System.getProperty("certgate.it.http", "http://127.0.0.1:8180");
    static final int GATEWAY_PORT = Integer.getInteger("certgate.it.gateway-port", 9543);
    static final String DB_URL = System.getProperty("certgate.it.db-url", "jdbc:mariadb://127.0.0.1:3306/certgate_it");
    static final String DB_USER = System.getProperty("certgate.it.db-user", "root");
    static final String DB_PASSWORD = System.getProperty("certgate.it.db-password", "");

    private ItSettings() {
    }
}
