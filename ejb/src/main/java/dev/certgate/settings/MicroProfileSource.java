package dev.certgate.settings;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

import java.util.Objects;

/**
 * The server's {@link SettingsSource}: MicroProfile Config, as WildFly's {@code microprofile-config-smallrye}
 * subsystem gives it to the deployment. Its default sources decide the one precedence rule: a system property
 * (ordinal 400) before an environment variable (300; {@code certgate.gateway.https-port} is also read as
 * {@code CERTGATE_GATEWAY_HTTPS_PORT}) before {@code META-INF/microprofile-config.properties} (100). Both the system
 * property and the environment sources are read live, so an at-use setting changed with jboss-cli applies at once.
 * <p>
 * Values are taken raw: an expression such as {@code ${x}} in a value is not expanded (a password or a key may
 * contain one), exactly as {@link System#getProperty} gave them before.
 */
final class MicroProfileSource implements SettingsSource {

    private final Config config;

    MicroProfileSource(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String raw(String name) {
        ConfigValue value = config.getConfigValue(name);
        return value == null ? null : value.getRawValue();
    }
}
