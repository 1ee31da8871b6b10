package dev.certgate.gateway;

/**
 * Where the gateway listens, from system properties (set with {@code -D} or jboss-cli {@code /system-property}).
 *
 * @param bindAddress {@value #BIND_PROPERTY}, default {@value #DEFAULT_BIND}
 * @param httpsPort   {@value #HTTPS_PORT_PROPERTY}, default {@value #DEFAULT_HTTPS_PORT} (production: 443)
 * @param httpPort    {@value #HTTP_PORT_PROPERTY}, default {@value #DEFAULT_HTTP_PORT} (production: 80)
 */
public record GatewaySettings(String bindAddress, int httpsPort, int httpPort) {

    public static final String BIND_PROPERTY = "certgate.gateway.bind-address";
    public static final String HTTPS_PORT_PROPERTY = "certgate.gateway.https-port";
    public static final String HTTP_PORT_PROPERTY = "certgate.gateway.http-port";
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_HTTPS_PORT = 9443;
    public static final int DEFAULT_HTTP_PORT = 9080;

    public GatewaySettings {
        requirePort(httpsPort, HTTPS_PORT_PROPERTY);
        requirePort(httpPort, HTTP_PORT_PROPERTY);
        if (httpsPort == httpPort) {
            throw new IllegalArgumentException(HTTPS_PORT_PROPERTY + " and " + HTTP_PORT_PROPERTY + " must differ");
        }
    }

    /** The settings in force, from the system properties. */
    public static GatewaySettings fromSystemProperties() {
        return new GatewaySettings(System.getProperty(BIND_PROPERTY, DEFAULT_BIND).strip(),
                port(HTTPS_PORT_PROPERTY, DEFAULT_HTTPS_PORT), port(HTTP_PORT_PROPERTY, DEFAULT_HTTP_PORT));
    }

    private static int port(String property, int defaultPort) {
        String port = System.getProperty(property, Integer.toString(defaultPort)).strip();
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + " must be a port number, not '" + port + "'", e);
        }
    }

    private static void requirePort(int port, String property) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(property + " must be a port from 1 to 65535, not " + port);
        }
    }
}
