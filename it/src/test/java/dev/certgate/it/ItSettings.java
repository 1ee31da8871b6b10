package dev.certgate.it;

/**
 * Where the certgate under test runs, and the services beside it: the one list of the tests' settings. bin/test gives
 * each as {@code -Dcertgate.it.NAME=VALUE} on the Maven command line, which failsafe hands to the tests as system
 * properties; the defaults are those of bin/test's port offset 100.
 */
final class ItSettings {

    static final String HTTP = System.getProperty("certgate.it.http", "http://127.0.0.1:8180");
    static final int GATEWAY_PORT = Integer.getInteger("certgate.it.gateway-port", 9543);
    static final int GATEWAY_HTTP_PORT = Integer.getInteger("certgate.it.gateway-http-port", 9580);
    /** The gateway's proxy read timeout as bin/test sets it (certgate.gateway.proxy.read-timeout), in ms. */
    static final long PROXY_READ_TIMEOUT_MILLIS = Long.getLong("certgate.it.proxy-read-timeout-ms", 60_000);
    static final String DB_URL = System.getProperty("certgate.it.db-url", "jdbc:mariadb://127.0.0.1:3306/certgate_it");
    static final String DB_USER = System.getProperty("certgate.it.db-user", "root");
    static final String DB_PASSWORD = System.getProperty("certgate.it.db-password", "");

    /** A user of the server under test (bin/test creates one per role). */
    record User(String name, String password) {
        String basic() {
            return "Basic " + java.util.Base64.getEncoder().encodeToString((name + ":" + password)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    static final User ADMIN = new User("it-admin", System.getProperty("certgate.it.admin-password", ""));
    static final User OPERATOR = new User("it-operator", System.getProperty("certgate.it.operator-password", ""));
    static final User AUDITOR = new User("it-auditor", System.getProperty("certgate.it.auditor-password", ""));

    static final String MANAGEMENT = System.getProperty("certgate.it.management", "http://127.0.0.1:10090/management");
    static final User MANAGEMENT_USER = new User("it-management",
            System.getProperty("certgate.it.management-password", ""));
    /** The server's data dir (instance key, users). */
    static final java.nio.file.Path DATA_DIR = java.nio.file.Path.of(System.getProperty("certgate.it.data-dir", "."));

    /** The ACME directory of the test CA (Pebble, started by bin/test), its HTTPS CA, its management API. */
    static final String ACME_DIRECTORY = System.getProperty("certgate.it.acme-directory", "https://127.0.0.1:14100/dir");
    /** A second Pebble whose certificates live 60 s (renewal tests). */
    static final String ACME_SHORT_DIRECTORY = System.getProperty("certgate.it.acme-short-directory",
            "https://127.0.0.1:14150/dir");
    static final String PEBBLE_MANAGEMENT = System.getProperty("certgate.it.pebble-management",
            "https://127.0.0.1:15100");
    /** Where bin/test keeps its Pebbles' throw-away HTTPS certificate (ca.pem, localhost.pem, localhost.key). */
    static final java.nio.file.Path PEBBLE_DIR = java.nio.file.Path.of(System.getProperty("certgate.it.pebble-dir",
            "target/pebble"));
    /** The mock DNS (pebble-challtestsrv) every usual Pebble asks: every name is 127.0.0.1. */
    static final String CHALLTESTSRV_DNS = System.getProperty("certgate.it.challtestsrv-dns", "127.0.0.1:8153");
    /** The first of the ports the test classes that start a Pebble of their own may use (bin/test: 14040+offset). */
    static final int OWN_PEBBLE_PORTS = Integer.getInteger("certgate.it.own-pebble-ports", 14140);
    /** pebble-challtestsrv's management API: the mock DNS that the usual Pebbles ask (every name is 127.0.0.1). */
    static final String CHALLTESTSRV = System.getProperty("certgate.it.challtestsrv", "http://127.0.0.1:8155");

    /**
     * A Pebble that validates DNS-01 against a real BIND 9 (bin/test), and that BIND, the server's DNS-01 provider:
     * its address (the CA's DNS), the zone it is primary for (updates signed with one TSIG key allowed), the key's
     * name and file, its log.
     */
    static final String ACME_DNS_DIRECTORY = System.getProperty("certgate.it.acme-dns-directory",
            "https://127.0.0.1:14110/dir");
    static final String DNS_SERVER = System.getProperty("certgate.it.dns-server", "127.0.0.1:8163");
    /** A second BIND, secondary for the zone (NOTIFY + transfer), where certgate checks its records are visible. */
    static final String DNS_RESOLVER = System.getProperty("certgate.it.dns-resolver", "127.0.0.1:8164");
    static final java.nio.file.Path DNS_RESOLVER_LOG = java.nio.file.Path.of(System.getProperty(
            "certgate.it.dns-resolver-log", "named-secondary.log"));
    static final String DNS_ZONE = System.getProperty("certgate.it.dns-zone", "rfc2136.test");
    static final String DNS_KEY_NAME = System.getProperty("certgate.it.dns-key-name", "certgate-it.");
    static final java.nio.file.Path DNS_KEY_FILE = java.nio.file.Path.of(System.getProperty("certgate.it.dns-key-file",
            "certgate-it.key"));
    static final java.nio.file.Path DNS_LOG = java.nio.file.Path.of(System.getProperty("certgate.it.dns-log",
            "named.log"));

    /** A Pebble that requires External Account Binding, and the one key id and HMAC key (base64url) it knows. */
    static final String ACME_EAB_DIRECTORY = System.getProperty("certgate.it.acme-eab-directory",
            "https://127.0.0.1:14120/dir");
    static final String EAB_KEY_ID = System.getProperty("certgate.it.eab-key-id", "");
    static final String EAB_HMAC_KEY = System.getProperty("certgate.it.eab-hmac-key", "");

    /** A Pebble that a test may stop for good, and the file holding its process id. */
    static final String ACME_STOPPABLE_DIRECTORY = System.getProperty("certgate.it.acme-stoppable-directory",
            "https://127.0.0.1:14130/dir");
    static final java.nio.file.Path ACME_STOPPABLE_PID_FILE = java.nio.file.Path.of(System.getProperty(
            "certgate.it.acme-stoppable-pid-file", "pebble-stoppable.pid"));

    /** The port the server's alert mail session sends to: AlertsIT's SMTP server listens there (bin/test). */
    static final int SMTP_PORT = Integer.getInteger("certgate.it.smtp-port", 3125);

    /** The certgate command-line client's launcher (bin/certgate; it runs client/target/certgate.jar). */
    static final java.nio.file.Path CLI = java.nio.file.Path.of(System.getProperty("certgate.it.cli", "../bin/certgate"));
    /** The server's EJB remote URL: HTTP remoting on its HTTP port. */
    static final String REMOTE = HTTP.replaceFirst("^http", "remote+http");

    private ItSettings() {
    }
}
