package dev.certgate.settings;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The server's source takes the first source that has a value, in the order MicroProfile Config gives them (highest
 * ordinal first), and the value as written: never expanded, so {@code ${...}} in a password stays as it is.
 */
class MicroProfileSourceTest {

    private record MapSource(String name, int ordinal, Map<String, String> values) implements ConfigSource {
        @Override
        public Set<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public String getValue(String property) {
            return values.get(property);
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public int getOrdinal() {
            return ordinal;
        }
    }

    /** A Config whose typed reads fail: the source must read the sources, not these. */
    private record SourcesOnly(List<ConfigSource> sources) implements Config {
        @Override
        public <T> T getValue(String propertyName, Class<T> propertyType) {
            throw new AssertionError("expands expressions");
        }

        @Override
        public ConfigValue getConfigValue(String propertyName) {
            throw new AssertionError("expands expressions");
        }

        @Override
        public <T> Optional<T> getOptionalValue(String propertyName, Class<T> propertyType) {
            throw new AssertionError("expands expressions");
        }

        @Override
        public Iterable<String> getPropertyNames() {
            return List.of();
        }

        @Override
        public Iterable<ConfigSource> getConfigSources() {
            return sources;
        }

        @Override
        public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
            return Optional.empty();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new IllegalArgumentException();
        }
    }

    @Test
    void theFirstSourceWithAValueWinsAndTheValueIsRaw() {
        MapSource systemProperties = new MapSource("sys", 400, Map.of("certgate.a", "from-system",
                "certgate.admin.password", "pa${ss}word"));
        MapSource environment = new MapSource("env", 300, Map.of("certgate.a", "from-env", "certgate.b", "env-b"));
        MicroProfileSource source = new MicroProfileSource(new SourcesOnly(List.of(systemProperties, environment)));
        assertEquals("from-system", source.raw("certgate.a"));
        assertEquals("env-b", source.raw("certgate.b"));
        assertEquals("pa${ss}word", source.raw("certgate.admin.password"));
        assertNull(source.raw("certgate.c"));
    }
}
