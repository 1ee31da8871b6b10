package dev.certgate.gateway;

/**
 * Where the gateway listens, from system properties (set with {@code -D} or jboss-cli {@code /system-property}).
 *
 * @param bindAddress {@value #BIND_PROPERTY}, default {@value #DEFAULT_BIND}
 * @param httpsPort   {@value #HTTPS_PORT_PROPERTY}, default {@value #DEFAULT_HTTPS_PORT} (production: 443)
 */
public record GatewaySettings(String bindAddress, int httpsPort) {

    public static final String BIND_PROPERTY = "certgate.gateway.bind-address";
    public static final String HTTPS_PORT_PROPERTY = "certgate.gateway.https-port";
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_HTTPS_PORT = 9443;

    public GatewaySettings {
        if (httpsPort < 1 || httpsPort > 65535) {
            throw new IllegalArgumentException(HTTPS_PORT_PROPERTY + " must be a port from 1 to 65535, not "
                    + httpsPort);
        }
    }

    /** The settings in force, from the system properties. */
    public static GatewaySettings fromSystemProperties() {
        String port = System.getProperty(HTTPS_PORT_PROPERTY, Integer.toString(DEFAULT_HTTPS_PORT)).strip();
        try {
            return new GatewaySettings(System.getProperty(BIND_PROPERTY, DEFAULT_BIND).strip(),
                    Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(HTTPS_PORT_PROPERTY + " must be a port number, not '" + port + "'", e);
        }
    }
}
