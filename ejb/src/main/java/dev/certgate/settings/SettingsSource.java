package dev.certgate.settings;

import java.util.Map;
import java.util.Objects;

/**
 * Where the text of a setting comes from. The server's source is MicroProfile Config ({@link MicroProfileSource});
 * tests give a map.
 */
@FunctionalInterface
public interface SettingsSource {

    /**
     * The text set for {@code name}, as written (no expression is expanded), or null when it is not set.
     *
     * @param name a setting's name ({@code certgate.gateway.https-port}) or an environment variable's
     *             ({@code CERTGATE_KEK})
     */
    String raw(String name);

    /** The values of {@code values} (a name missing from it is not set). The map is read, not copied. */
    static SettingsSource of(Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        return values::get;
    }
}
