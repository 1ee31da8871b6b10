package dev.certgate.settings;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every setting certgate reads, and the values of those read at start.
 * <p>
 * The constants are the settings: name, environment variables, type, default, and when they are read
 * ({@link Setting.Read}); docs/configuration.md documents exactly these ({@code ConfigurationDocTest} fails when one
 * is missing there or one there is not here). An instance holds the values of the {@link Setting.Read#AT_START
 * at-start} settings, read once and validated together by {@link #read(SettingsSource)}; the {@link
 * Setting.Read#AT_USE at-use} ones (the DNS-01 provider, the ACME trust file) are read by their feature each time
 * through {@link Settings#live()}, so that a change made on a running server applies from the next use.
 * <p>
 * A new setting: add its constant here (and to {@link #ALL}), an accessor if it is read at start, and its row in
 * docs/configuration.md.
 */
public final class CertgateSettings {

    // --- the gateway ---
    public static final Setting<String> GATEWAY_BIND_ADDRESS =
            Setting.text("certgate.gateway.bind-address", "127.0.0.1");
    public static final Setting<Integer> GATEWAY_HTTPS_PORT = Setting.port("certgate.gateway.https-port", 9443);
    public static final Setting<Integer> GATEWAY_HTTP_PORT = Setting.port("certgate.gateway.http-port", 9080);
    /** Proxy timeouts: whole milliseconds from 1 ms to 1 hour. */
    public static final Duration MAX_PROXY_TIMEOUT = Duration.ofHours(1);
    public static final Setting<Duration> GATEWAY_PROXY_CONNECT_TIMEOUT = Setting.duration(
            "certgate.gateway.proxy.connect-timeout", Duration.ofMillis(1), MAX_PROXY_TIMEOUT, Duration.ofSeconds(5));
    public static final Setting<Duration> GATEWAY_PROXY_READ_TIMEOUT = Setting.duration(
            "certgate.gateway.proxy.read-timeout", Duration.ofMillis(1), MAX_PROXY_TIMEOUT, Duration.ofSeconds(60))
            .withDefaultShownAs("60s");
    public static final int MAX_IO_THREADS = 256;
    public static final Setting<Integer> GATEWAY_IO_THREADS = Setting.wholeNumber("certgate.gateway.io-threads", 1,
                    MAX_IO_THREADS, Math.min(Runtime.getRuntime().availableProcessors(), MAX_IO_THREADS))
            .withDefaultShownAs("the number of processors the JVM may use");
    public static final Setting<Duration> GATEWAY_SERVED_CHECK_INTERVAL = Setting.duration(
            "certgate.gateway.served-check.interval", Duration.ofSeconds(5), Duration.ofDays(1),
            Duration.ofMinutes(5));
    public static final Setting<Integer> GATEWAY_DEFER_KEYS_FROM = Setting.wholeNumber(
            "certgate.gateway.defer-keys-from", 1, Integer.MAX_VALUE, 500);
    public static final Setting<String> GATEWAY_TLS_ENGINE = Setting.oneOf("certgate.gateway.tls-engine", "jsse",
            "jsse", "boringssl");
    /** The key exchange groups the native engine knows, by BoringSSL's names. */
    public static final List<String> TLS_GROUPS = List.of("X25519MLKEM768", "X25519", "P-256", "P-384");
    public static final Setting<String> GATEWAY_TLS_GROUPS = Setting.text("certgate.gateway.tls-groups",
            String.join(",", TLS_GROUPS));

    // --- the gateway's limits on clients (GatewayLimits; docs/hardening.md) ---
    public static final int MAX_LIMIT_COUNT = 1_000_000;
    public static final Setting<Duration> GATEWAY_TLS_HANDSHAKE_TIMEOUT = Setting.duration(
            "certgate.gateway.tls.handshake-timeout", Duration.ofMillis(1), MAX_PROXY_TIMEOUT, Duration.ofSeconds(10));
    public static final Setting<Duration> GATEWAY_REQUEST_HEADER_TIMEOUT = Setting.duration(
            "certgate.gateway.request-header-timeout", Duration.ofMillis(1), MAX_PROXY_TIMEOUT, Duration.ofSeconds(15));
    public static final Setting<Duration> GATEWAY_IDLE_TIMEOUT = Setting.duration(
            "certgate.gateway.idle-timeout", Duration.ofMillis(1), MAX_PROXY_TIMEOUT, Duration.ofSeconds(60))
            .withDefaultShownAs("60s");
    public static final Setting<Integer> GATEWAY_MAX_HEADER_SIZE = Setting.wholeNumber(
            "certgate.gateway.max-header-size", 1_024, 1_048_576, 32_768);
    public static final Setting<Integer> GATEWAY_MAX_CONNECTIONS = Setting.wholeNumber(
            "certgate.gateway.max-connections", 1, MAX_LIMIT_COUNT, 10_000);
    public static final Setting<Integer> GATEWAY_MAX_CONNECTIONS_PER_ADDRESS = Setting.wholeNumber(
            "certgate.gateway.max-connections-per-address", 1, MAX_LIMIT_COUNT, 256);
    public static final Setting<Integer> GATEWAY_HTTP2_MAX_CONCURRENT_STREAMS = Setting.wholeNumber(
            "certgate.gateway.http2.max-concurrent-streams", 1, MAX_LIMIT_COUNT, 100);
    public static final Setting<Integer> GATEWAY_HTTP2_MAX_HEADER_LIST_SIZE = Setting.wholeNumber(
            "certgate.gateway.http2.max-header-list-size", 1_024, 1_048_576, 16_384);
    public static final Setting<Integer> GATEWAY_HTTP2_MAX_RESETS = Setting.wholeNumber(
            "certgate.gateway.http2.max-resets", 1, MAX_LIMIT_COUNT, 200);
    public static final Setting<Duration> GATEWAY_HTTP2_RESET_WINDOW = Setting.duration(
            "certgate.gateway.http2.reset-window", Duration.ofMillis(1), MAX_PROXY_TIMEOUT, Duration.ofSeconds(30));

    // --- which backends an application may have (BackendTargets; read at each save, so an admin may change them) ---
    public static final Setting<String> GATEWAY_BACKENDS_ALLOW_LOCAL = Setting.oneOf(
            "certgate.gateway.backends.allow-local", "false", "true", "false").readAtUse();
    public static final Setting<String> GATEWAY_BACKENDS_ALLOW_OWN_PORTS = Setting.oneOf(
            "certgate.gateway.backends.allow-own-ports", "false", "true", "false").readAtUse();

    // --- ACME ---
    public static final Setting<Duration> ACME_RENEWAL_INTERVAL = Setting.durationOrIso8601(
            "certgate.acme.renewal-interval", Duration.ofSeconds(10), Duration.ofDays(1), Duration.ofHours(1));
    public static final Setting<Integer> ACME_WORKERS = Setting.wholeNumber("certgate.acme.workers", 1, 64, 4);
    /**
     * How long a node's lease on a domain's order lasts: another node takes the order over only after it ran out
     * (the node that held it may have died), so it must be longer than an order takes.
     */
    public static final Setting<Duration> ACME_LEASE = Setting.duration("certgate.acme.lease",
            Duration.ofSeconds(30), Duration.ofHours(2), Duration.ofMinutes(10));
    public static final Setting<Path> ACME_TRUST_FILE = Setting.path("certgate.acme.trust-file", null).readAtUse();

    // --- DNS-01 (read at each order, so that an operator can change the provider on a running server) ---
    public static final String DNS_RFC2136 = "rfc2136";
    public static final Setting<String> ACME_DNS_PROVIDER = Setting.oneOf("certgate.acme.dns.provider", null,
            DNS_RFC2136).readAtUse();
    public static final Setting<InetSocketAddress> ACME_DNS_SERVER =
            Setting.hostAndPort("certgate.acme.dns.server", 53).readAtUse();
    public static final Setting<String> ACME_DNS_TSIG_KEY_NAME =
            Setting.text("certgate.acme.dns.tsig-key-name", null).readAtUse();
    public static final Setting<String> ACME_DNS_TSIG_ALGORITHM = Setting.oneOfIgnoringCase(
            "certgate.acme.dns.tsig-algorithm", "hmac-sha256", "hmac-sha256", "hmac-sha384", "hmac-sha512",
            "hmac-sha224", "hmac-sha1").readAtUse();
    public static final Setting<Path> ACME_DNS_TSIG_SECRET_FILE =
            Setting.path("certgate.acme.dns.tsig-secret-file", null).readAtUse();
    public static final Setting<String> ACME_DNS_ZONE = Setting.text("certgate.acme.dns.zone", null)
            .readAtUse().withDefaultShownAs("the server is asked");
    public static final Setting<InetSocketAddress> ACME_DNS_RESOLVER =
            Setting.hostAndPort("certgate.acme.dns.resolver", 53).readAtUse()
                    .withDefaultShownAs("the DNS server");
    public static final Setting<Duration> ACME_DNS_TTL = Setting.wholeSeconds("certgate.acme.dns.ttl",
            Duration.ofSeconds(1), Duration.ofDays(1), Duration.ofSeconds(60)).readAtUse().withDefaultShownAs("60s");

    // --- the pre-flight check of ACME domains (read at each check) ---
    public static final Setting<InetSocketAddress> ACME_PREFLIGHT_RESOLVER =
            Setting.hostAndPort("certgate.acme.preflight.resolver", 53).readAtUse()
                    .withDefaultShownAs("the system's resolvers");
    public static final Setting<Integer> ACME_PREFLIGHT_HTTP_PORT =
            Setting.port("certgate.acme.preflight.http-port", 80).readAtUse();
    public static final Setting<Integer> ACME_PREFLIGHT_TLS_PORT =
            Setting.port("certgate.acme.preflight.tls-port", 443).readAtUse();
    public static final Setting<String> ACME_PREFLIGHT_BEFORE_FIRST_ORDER = Setting.oneOf(
            "certgate.acme.preflight.before-first-order", "true", "true", "false").readAtUse();

    // --- the instance key ---
    public static final Setting<Path> VAULT_KEY_FILE = Setting.path("certgate.vault.key-file", null)
            .withDefaultShownAs("<data dir>/certgate/instance.key");
    public static final Setting<Secret> VAULT_KEK = Setting.secret("certgate.vault.kek")
            .withEnvironmentAlias("CERTGATE_KEK");

    // --- cluster ---
    public static final Setting<String> CLUSTER_MESSAGES = Setting.oneOf("certgate.cluster.messages", "true",
            "true", "false").readAtUse();
    /** How long a node may serve an older change generation than the latest committed one and still be ready. */
    public static final Setting<Duration> CLUSTER_READY_LAG = Setting.duration("certgate.cluster.ready-lag",
            Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofSeconds(10));

    // --- alerts ---
    public static final Setting<List<Integer>> ALERTS_EXPIRY_DAYS = Setting.wholeNumbers(
            "certgate.alerts.expiry-days", 1, 365, List.of(30, 14, 7, 3, 1));
    public static final Setting<Duration> ALERTS_CHECK_INTERVAL = Setting.duration("certgate.alerts.check-interval",
            Duration.ofSeconds(10), Duration.ofDays(1), Duration.ofMinutes(10));
    public static final Setting<Integer> ALERTS_DIGEST_FROM = Setting.wholeNumber("certgate.alerts.digest-from", 2,
            1000, 5);
    public static final Setting<Integer> ALERTS_WEBHOOK_ATTEMPTS = Setting.wholeNumber(
            "certgate.alerts.webhook.attempts", 1, 10, 4);
    public static final Setting<Duration> ALERTS_WEBHOOK_BACKOFF = Setting.duration("certgate.alerts.webhook.backoff",
            Duration.ofMillis(100), Duration.ofMinutes(1), Duration.ofSeconds(2));

    // --- users ---
    public static final Setting<Secret> ADMIN_PASSWORD = Setting.secret("certgate.admin.password");

    // --- set by WildFly ---
    public static final Setting<Path> SERVER_DATA_DIR = Setting.path("jboss.server.data.dir", Path.of("."))
            .setByTheServer().withDefaultShownAs("WildFly's standalone/data");
    public static final Setting<String> SERVER_NODE_NAME = Setting.text("jboss.node.name", "node")
            .setByTheServer().withDefaultShownAs("the host name");
    /** WildFly's own ports (standalone.xml's socket bindings), which no application's backend may be. */
    public static final Setting<Integer> SERVER_PORT_OFFSET = Setting.wholeNumber(
            "jboss.socket.binding.port-offset", 0, 65535, 0).setByTheServer();
    public static final Setting<Integer> SERVER_HTTP_PORT = Setting.port("jboss.http.port", 8080).setByTheServer();
    public static final Setting<Integer> SERVER_HTTPS_PORT = Setting.port("jboss.https.port", 8443).setByTheServer();
    public static final Setting<Integer> SERVER_MANAGEMENT_HTTP_PORT = Setting.port("jboss.management.http.port",
            9990).setByTheServer();
    public static final Setting<Integer> SERVER_MANAGEMENT_HTTPS_PORT = Setting.port("jboss.management.https.port",
            9993).setByTheServer();

    /** Every setting, in the order docs/configuration.md lists them. */
    public static final List<Setting<?>> ALL = List.of(
            GATEWAY_BIND_ADDRESS, GATEWAY_HTTPS_PORT, GATEWAY_HTTP_PORT, GATEWAY_PROXY_CONNECT_TIMEOUT,
            GATEWAY_PROXY_READ_TIMEOUT, GATEWAY_IO_THREADS, GATEWAY_DEFER_KEYS_FROM, GATEWAY_TLS_ENGINE,
            GATEWAY_TLS_GROUPS, GATEWAY_SERVED_CHECK_INTERVAL,
            GATEWAY_TLS_HANDSHAKE_TIMEOUT, GATEWAY_REQUEST_HEADER_TIMEOUT, GATEWAY_IDLE_TIMEOUT, GATEWAY_MAX_HEADER_SIZE,
            GATEWAY_MAX_CONNECTIONS, GATEWAY_MAX_CONNECTIONS_PER_ADDRESS, GATEWAY_HTTP2_MAX_CONCURRENT_STREAMS,
            GATEWAY_HTTP2_MAX_HEADER_LIST_SIZE, GATEWAY_HTTP2_MAX_RESETS, GATEWAY_HTTP2_RESET_WINDOW,
            GATEWAY_BACKENDS_ALLOW_LOCAL, GATEWAY_BACKENDS_ALLOW_OWN_PORTS,
            ACME_RENEWAL_INTERVAL, ACME_WORKERS, ACME_LEASE, ACME_TRUST_FILE,
            ACME_DNS_PROVIDER, ACME_DNS_SERVER, ACME_DNS_TSIG_KEY_NAME, ACME_DNS_TSIG_ALGORITHM,
            ACME_DNS_TSIG_SECRET_FILE, ACME_DNS_ZONE, ACME_DNS_RESOLVER, ACME_DNS_TTL,
            ACME_PREFLIGHT_RESOLVER, ACME_PREFLIGHT_HTTP_PORT, ACME_PREFLIGHT_TLS_PORT,
            ACME_PREFLIGHT_BEFORE_FIRST_ORDER,
            VAULT_KEY_FILE, VAULT_KEK, ADMIN_PASSWORD, CLUSTER_MESSAGES, CLUSTER_READY_LAG,
            ALERTS_EXPIRY_DAYS, ALERTS_CHECK_INTERVAL, ALERTS_DIGEST_FROM, ALERTS_WEBHOOK_ATTEMPTS,
            ALERTS_WEBHOOK_BACKOFF,
            SERVER_DATA_DIR, SERVER_NODE_NAME, SERVER_PORT_OFFSET, SERVER_HTTP_PORT, SERVER_HTTPS_PORT,
            SERVER_MANAGEMENT_HTTP_PORT, SERVER_MANAGEMENT_HTTPS_PORT);

    private final String gatewayBindAddress;
    private final int gatewayHttpsPort;
    private final int gatewayHttpPort;
    private final Duration gatewayProxyConnectTimeout;
    private final Duration gatewayProxyReadTimeout;
    private final int gatewayIoThreads;
    private final int gatewayDeferKeysFrom;
    private final String gatewayTlsEngine;
    private final List<String> gatewayTlsGroups;
    private final Duration gatewayServedCheckInterval;
    private final Duration gatewayHandshakeTimeout;
    private final Duration gatewayRequestHeaderTimeout;
    private final Duration gatewayIdleTimeout;
    private final int gatewayMaxHeaderSize;
    private final int gatewayMaxConnections;
    private final int gatewayMaxConnectionsPerAddress;
    private final int gatewayHttp2MaxConcurrentStreams;
    private final int gatewayHttp2MaxHeaderListSize;
    private final int gatewayHttp2MaxResets;
    private final Duration gatewayHttp2ResetWindow;
    private final Duration acmeRenewalInterval;
    private final int acmeWorkers;
    private final Duration acmeLease;
    private final Duration clusterReadyLag;
    private final List<Integer> alertsExpiryDays;
    private final Duration alertsCheckInterval;
    private final int alertsDigestFrom;
    private final int alertsWebhookAttempts;
    private final Duration alertsWebhookBackoff;
    private final Path vaultKeyFile;
    private final Secret vaultKek;
    private final Secret adminPassword;
    private final Path dataDir;
    private final String nodeName;
    private final Set<Integer> serverPorts;
    private final List<Respelling> respellings;

    private CertgateSettings(SettingsSource source) {
        List<Respelling> respelled = new ArrayList<>();
        gatewayBindAddress = GATEWAY_BIND_ADDRESS.readOrDefault(source, respelled::add);
        gatewayHttpsPort = GATEWAY_HTTPS_PORT.readOrDefault(source, respelled::add);
        gatewayHttpPort = GATEWAY_HTTP_PORT.readOrDefault(source, respelled::add);
        if (gatewayHttpsPort == gatewayHttpPort) {
            throw new InvalidSettingException(GATEWAY_HTTPS_PORT.name(), GATEWAY_HTTPS_PORT.name() + " and "
                    + GATEWAY_HTTP_PORT.name() + " must differ, not both " + gatewayHttpPort);
        }
        gatewayProxyConnectTimeout = GATEWAY_PROXY_CONNECT_TIMEOUT.readOrDefault(source, respelled::add);
        gatewayProxyReadTimeout = GATEWAY_PROXY_READ_TIMEOUT.readOrDefault(source, respelled::add);
        gatewayIoThreads = GATEWAY_IO_THREADS.readOrDefault(source, respelled::add);
        gatewayDeferKeysFrom = GATEWAY_DEFER_KEYS_FROM.readOrDefault(source, respelled::add);
        gatewayTlsEngine = GATEWAY_TLS_ENGINE.readOrDefault(source, respelled::add);
        gatewayTlsGroups = tlsGroups(GATEWAY_TLS_GROUPS.readOrDefault(source, respelled::add));
        gatewayServedCheckInterval = GATEWAY_SERVED_CHECK_INTERVAL.readOrDefault(source, respelled::add);
        gatewayHandshakeTimeout = GATEWAY_TLS_HANDSHAKE_TIMEOUT.readOrDefault(source, respelled::add);
        gatewayRequestHeaderTimeout = GATEWAY_REQUEST_HEADER_TIMEOUT.readOrDefault(source, respelled::add);
        gatewayIdleTimeout = GATEWAY_IDLE_TIMEOUT.readOrDefault(source, respelled::add);
        gatewayMaxHeaderSize = GATEWAY_MAX_HEADER_SIZE.readOrDefault(source, respelled::add);
        gatewayMaxConnections = GATEWAY_MAX_CONNECTIONS.readOrDefault(source, respelled::add);
        gatewayMaxConnectionsPerAddress = GATEWAY_MAX_CONNECTIONS_PER_ADDRESS.readOrDefault(source, respelled::add);
        if (gatewayMaxConnectionsPerAddress > gatewayMaxConnections) {
            throw new InvalidSettingException(GATEWAY_MAX_CONNECTIONS_PER_ADDRESS.name(),
                    GATEWAY_MAX_CONNECTIONS_PER_ADDRESS.name() + " (" + gatewayMaxConnectionsPerAddress
                            + ") must not be more than " + GATEWAY_MAX_CONNECTIONS.name() + " ("
                            + gatewayMaxConnections + ")");
        }
        gatewayHttp2MaxConcurrentStreams = GATEWAY_HTTP2_MAX_CONCURRENT_STREAMS.readOrDefault(source, respelled::add);
        gatewayHttp2MaxHeaderListSize = GATEWAY_HTTP2_MAX_HEADER_LIST_SIZE.readOrDefault(source, respelled::add);
        gatewayHttp2MaxResets = GATEWAY_HTTP2_MAX_RESETS.readOrDefault(source, respelled::add);
        gatewayHttp2ResetWindow = GATEWAY_HTTP2_RESET_WINDOW.readOrDefault(source, respelled::add);
        acmeRenewalInterval = ACME_RENEWAL_INTERVAL.readOrDefault(source, respelled::add);
        acmeWorkers = ACME_WORKERS.readOrDefault(source, respelled::add);
        acmeLease = ACME_LEASE.readOrDefault(source, respelled::add);
        clusterReadyLag = CLUSTER_READY_LAG.readOrDefault(source, respelled::add);
        alertsExpiryDays = ALERTS_EXPIRY_DAYS.readOrDefault(source, respelled::add);
        alertsCheckInterval = ALERTS_CHECK_INTERVAL.readOrDefault(source, respelled::add);
        alertsDigestFrom = ALERTS_DIGEST_FROM.readOrDefault(source, respelled::add);
        alertsWebhookAttempts = ALERTS_WEBHOOK_ATTEMPTS.readOrDefault(source, respelled::add);
        alertsWebhookBackoff = ALERTS_WEBHOOK_BACKOFF.readOrDefault(source, respelled::add);
        dataDir = SERVER_DATA_DIR.readOrDefault(source, respelled::add);
        nodeName = SERVER_NODE_NAME.readOrDefault(source, respelled::add);
        int offset = SERVER_PORT_OFFSET.readOrDefault(source, respelled::add);
        Set<Integer> ports = new TreeSet<>();
        for (Setting<Integer> port : List.of(SERVER_HTTP_PORT, SERVER_HTTPS_PORT, SERVER_MANAGEMENT_HTTP_PORT,
                SERVER_MANAGEMENT_HTTPS_PORT)) {
            ports.add(port.readOrDefault(source, respelled::add) + offset);
        }
        ports.add(gatewayHttpsPort);
        ports.add(gatewayHttpPort);
        serverPorts = Collections.unmodifiableSet(ports);
        vaultKeyFile = VAULT_KEY_FILE.read(source, respelled::add)
                .orElse(dataDir.resolve("certgate").resolve("instance.key"));
        vaultKek = VAULT_KEK.read(source, respelled::add).orElse(null);
        adminPassword = ADMIN_PASSWORD.read(source, respelled::add).orElse(null);
        respellings = List.copyOf(respelled);
    }

    /**
     * The at-start settings from {@code source}, every one checked.
     *
     * @throws InvalidSettingException for the first value that is not allowed (its message names the setting, the
     *                                 value unless secret, and what is allowed)
     */
    public static CertgateSettings read(SettingsSource source) {
        return new CertgateSettings(Objects.requireNonNull(source, "source"));
    }

    /** The gateway's bind address ({@link #GATEWAY_BIND_ADDRESS}); the accessors below are named after theirs. */
    public String gatewayBindAddress() {
        return gatewayBindAddress;
    }

    public int gatewayHttpsPort() {
        return gatewayHttpsPort;
    }

    public int gatewayHttpPort() {
        return gatewayHttpPort;
    }

    public Duration gatewayProxyConnectTimeout() {
        return gatewayProxyConnectTimeout;
    }

    public Duration gatewayProxyReadTimeout() {
        return gatewayProxyReadTimeout;
    }

    public int gatewayIoThreads() {
        return gatewayIoThreads;
    }

    /** {@link #GATEWAY_TLS_ENGINE}: the TLS engine asked for, as spelled ({@code jsse}, {@code boringssl}). */
    public String gatewayTlsEngine() {
        return gatewayTlsEngine;
    }

    /** {@link #GATEWAY_TLS_GROUPS}: the native engine's key exchange groups, in order of preference. */
    public List<String> gatewayTlsGroups() {
        return gatewayTlsGroups;
    }

    /** Comma-separated names from {@link #TLS_GROUPS}, at least one, none twice, in the order written. */
    private static List<String> tlsGroups(String text) {
        List<String> groups = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String group = part.strip();
            if (!TLS_GROUPS.contains(group) || groups.contains(group)) {
                throw new InvalidSettingException(GATEWAY_TLS_GROUPS.name(), GATEWAY_TLS_GROUPS.name()
                        + " must be names from " + String.join(", ", TLS_GROUPS)
                        + ", comma-separated, none twice, not " + text);
            }
            groups.add(group);
        }
        return List.copyOf(groups);
    }

    public int gatewayDeferKeysFrom() {
        return gatewayDeferKeysFrom;
    }

    /** How often each node checks what its gateway serves against the store (and after every snapshot change). */
    public Duration gatewayServedCheckInterval() {
        return gatewayServedCheckInterval;
    }

    public Duration gatewayHandshakeTimeout() {
        return gatewayHandshakeTimeout;
    }

    public Duration gatewayRequestHeaderTimeout() {
        return gatewayRequestHeaderTimeout;
    }

    public Duration gatewayIdleTimeout() {
        return gatewayIdleTimeout;
    }

    public int gatewayMaxHeaderSize() {
        return gatewayMaxHeaderSize;
    }

    public int gatewayMaxConnections() {
        return gatewayMaxConnections;
    }

    public int gatewayMaxConnectionsPerAddress() {
        return gatewayMaxConnectionsPerAddress;
    }

    public int gatewayHttp2MaxConcurrentStreams() {
        return gatewayHttp2MaxConcurrentStreams;
    }

    public int gatewayHttp2MaxHeaderListSize() {
        return gatewayHttp2MaxHeaderListSize;
    }

    public int gatewayHttp2MaxResets() {
        return gatewayHttp2MaxResets;
    }

    public Duration gatewayHttp2ResetWindow() {
        return gatewayHttp2ResetWindow;
    }

    public Duration acmeRenewalInterval() {
        return acmeRenewalInterval;
    }

    public int acmeWorkers() {
        return acmeWorkers;
    }

    public Duration acmeLease() {
        return acmeLease;
    }

    /** How long this node may lag behind the latest committed change before {@code /health/ready} says DOWN. */
    public Duration clusterReadyLag() {
        return clusterReadyLag;
    }

    /** The expiry alert thresholds, in days left, as written. */
    public List<Integer> alertsExpiryDays() {
        return alertsExpiryDays;
    }

    public Duration alertsCheckInterval() {
        return alertsCheckInterval;
    }

    public int alertsDigestFrom() {
        return alertsDigestFrom;
    }

    public int alertsWebhookAttempts() {
        return alertsWebhookAttempts;
    }

    /** The wait before a webhook's second attempt; it doubles before each further one. */
    public Duration alertsWebhookBackoff() {
        return alertsWebhookBackoff;
    }

    /** The instance key file: {@link #VAULT_KEY_FILE}, else {@code certgate/instance.key} under the data dir. */
    public Path vaultKeyFile() {
        return vaultKeyFile;
    }

    /** The operator-supplied KEK (base64, checked by the vault), when given. */
    public Optional<Secret> vaultKek() {
        return Optional.ofNullable(vaultKek);
    }

    /** The first admin's password (checked by the first start's user rules), when given. */
    public Optional<Secret> adminPassword() {
        return Optional.ofNullable(adminPassword);
    }

    /** The server's data dir (WildFly's {@code jboss.server.data.dir}). */
    public Path dataDir() {
        return dataDir;
    }

    /** The server's node name (WildFly's {@code jboss.node.name}). */
    public String nodeName() {
        return nodeName;
    }

    /**
     * This server's own listening ports: WildFly's HTTP, HTTPS and management ports with the port offset, and the
     * gateway's two.
     */
    public Set<Integer> serverPorts() {
        return serverPorts;
    }

    /** Values written in an older syntax that is still accepted, with today's spelling. */
    public List<Respelling> respellings() {
        return respellings;
    }

    /**
     * The at-start values for the start-up log line, in {@link #ALL}'s order: secrets as {@code (set)} or
     * {@code (not set)}, never their value.
     */
    public Map<String, String> described() {
        Map<String, String> described = new LinkedHashMap<>();
        described.put(GATEWAY_BIND_ADDRESS.name(), gatewayBindAddress);
        described.put(GATEWAY_HTTPS_PORT.name(), Integer.toString(gatewayHttpsPort));
        described.put(GATEWAY_HTTP_PORT.name(), Integer.toString(gatewayHttpPort));
        described.put(GATEWAY_PROXY_CONNECT_TIMEOUT.name(), Durations.format(gatewayProxyConnectTimeout));
        described.put(GATEWAY_PROXY_READ_TIMEOUT.name(), Durations.format(gatewayProxyReadTimeout));
        described.put(GATEWAY_IO_THREADS.name(), Integer.toString(gatewayIoThreads));
        described.put(GATEWAY_DEFER_KEYS_FROM.name(), Integer.toString(gatewayDeferKeysFrom));
        described.put(GATEWAY_TLS_ENGINE.name(), gatewayTlsEngine);
        described.put(GATEWAY_TLS_GROUPS.name(), String.join(",", gatewayTlsGroups));
        described.put(GATEWAY_SERVED_CHECK_INTERVAL.name(), Durations.format(gatewayServedCheckInterval));
        described.put(GATEWAY_TLS_HANDSHAKE_TIMEOUT.name(), Durations.format(gatewayHandshakeTimeout));
        described.put(GATEWAY_REQUEST_HEADER_TIMEOUT.name(), Durations.format(gatewayRequestHeaderTimeout));
        described.put(GATEWAY_IDLE_TIMEOUT.name(), Durations.format(gatewayIdleTimeout));
        described.put(GATEWAY_MAX_HEADER_SIZE.name(), Integer.toString(gatewayMaxHeaderSize));
        described.put(GATEWAY_MAX_CONNECTIONS.name(), Integer.toString(gatewayMaxConnections));
        described.put(GATEWAY_MAX_CONNECTIONS_PER_ADDRESS.name(), Integer.toString(gatewayMaxConnectionsPerAddress));
        described.put(GATEWAY_HTTP2_MAX_CONCURRENT_STREAMS.name(), Integer.toString(gatewayHttp2MaxConcurrentStreams));
        described.put(GATEWAY_HTTP2_MAX_HEADER_LIST_SIZE.name(), Integer.toString(gatewayHttp2MaxHeaderListSize));
        described.put(GATEWAY_HTTP2_MAX_RESETS.name(), Integer.toString(gatewayHttp2MaxResets));
        described.put(GATEWAY_HTTP2_RESET_WINDOW.name(), Durations.format(gatewayHttp2ResetWindow));
        described.put(ACME_RENEWAL_INTERVAL.name(), Durations.format(acmeRenewalInterval));
        described.put(ACME_WORKERS.name(), Integer.toString(acmeWorkers));
        described.put(ACME_LEASE.name(), Durations.format(acmeLease));
        described.put(ALERTS_EXPIRY_DAYS.name(), String.join(",", alertsExpiryDays.stream().map(String::valueOf)
                .toList()));
        described.put(ALERTS_CHECK_INTERVAL.name(), Durations.format(alertsCheckInterval));
        described.put(ALERTS_DIGEST_FROM.name(), Integer.toString(alertsDigestFrom));
        described.put(ALERTS_WEBHOOK_ATTEMPTS.name(), Integer.toString(alertsWebhookAttempts));
        described.put(ALERTS_WEBHOOK_BACKOFF.name(), Durations.format(alertsWebhookBackoff));
        described.put(VAULT_KEY_FILE.name(), vaultKek == null ? vaultKeyFile.toString() : "(not used: KEK supplied)");
        described.put(VAULT_KEK.name(), vaultKek == null ? "(not set)" : "(set)");
        described.put(ADMIN_PASSWORD.name(), adminPassword == null ? "(not set)" : "(set)");
        described.put(CLUSTER_READY_LAG.name(), Durations.format(clusterReadyLag));
        return described;
    }
}
