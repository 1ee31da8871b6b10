package dev.certgate.settings;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Objects;

/**
 * The server's {@link SettingsSource}: MicroProfile Config, as WildFly's {@code microprofile-config-smallrye}
 * subsystem gives it to the deployment. Its sources, in their ordinal order, decide the one precedence rule: a
 * system property (ordinal 400) before an environment variable (300; {@code certgate.gateway.https-port} is also
 * read as {@code CERTGATE_GATEWAY_HTTPS_PORT}, the environment source's own mapping) before
 * {@code META-INF/microprofile-config.properties} (100). Both the system property and the environment sources are
 * read live, so an at-use setting changed with jboss-cli applies at once.
 * <p>
 * Values are taken from the sources themselves, not through {@link Config#getValue}: SmallRye would expand an
 * expression such as {@code ${x}} in a value (and fail on one it cannot expand), and a password or a key may hold
 * that text. So a value is used exactly as written, as {@link System#getProperty} gave it before.
 */
final class MicroProfileSource implements SettingsSource {

    private final Config config;

    MicroProfileSource(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String raw(String name) {
        for (ConfigSource source : config.getConfigSources()) { // highest ordinal first
            String value = source.getValue(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
