package dev.certgate.settings;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One setting: its name, the environment variables that may set it, its type, its default and when it is read, and
 * how its text becomes a value. The settings themselves are the constants of {@link CertgateSettings}; this class is
 * how each is described, and docs/configuration.md is checked against those descriptions.
 * <p>
 * A blank value counts as unset (then the default applies). A value that is not allowed is an
 * {@link InvalidSettingException} naming the setting, the value (never a secret one's) and what is allowed.
 *
 * @param <T> the type of the value
 */
public final class Setting<T> {

    /** When the server reads a setting. */
    public enum Read {
        /** once, when the application starts; a change needs a restart (or a redeployment) */
        AT_START("at start"),
        /** each time the feature that uses it runs, so that a change applies from its next use */
        AT_USE("at use");

        private final String label;

        Read(String label) {
            this.label = label;
        }

        /** How docs/configuration.md writes it. */
        public String label() {
            return label;
        }
    }

    /** Turns a setting's text into its value. */
    @FunctionalInterface
    interface Parser<T> {
        /**
         * The value {@code text} (not blank; stripped unless secret) writes, or null when it is not allowed; calls
         * {@code respelled} with today's spelling when the text is in an older syntax still accepted.
         */
        T parse(String text, Consumer<String> respelled);
    }

    private final String name;
    private final String type;
    private final String allowed;
    private final Parser<T> parser;
    private final T defaultValue;
    private final String defaultText;
    private final List<String> environment;
    private final boolean secret;
    private final Read read;

    private Setting(String name, String type, String allowed, Parser<T> parser, T defaultValue, String defaultText,
                    List<String> environment, boolean secret, Read read) {
        this.name = requireName(name);
        this.type = Objects.requireNonNull(type, "type");
        this.allowed = Objects.requireNonNull(allowed, "allowed");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.defaultValue = defaultValue;
        this.defaultText = Objects.requireNonNull(defaultText, "defaultText");
        this.environment = List.copyOf(environment);
        this.secret = secret;
        this.read = Objects.requireNonNull(read, "read");
    }

    private static <T> Setting<T> of(String name, String type, String allowed, Parser<T> parser, T defaultValue,
                                     String defaultText) {
        return new Setting<>(name, type, allowed, parser, defaultValue, defaultText, List.of(environmentName(name)),
                false, Read.AT_START);
    }

    private static String requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9]*(\\.[a-z0-9][a-z0-9-]*)+")) {
            throw new IllegalArgumentException("not a setting name: " + name);
        }
        return name;
    }

    /**
     * The environment variable MicroProfile Config reads for {@code name} when no system property sets it: every
     * character that is not a letter or digit becomes {@code _}, letters upper case
     * ({@code certgate.gateway.https-port} → {@code CERTGATE_GATEWAY_HTTPS_PORT}).
     */
    public static String environmentName(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    // --- kinds of settings ---------------------------------------------------------------------------------------

    /** Free text (stripped); {@code defaultValue} null: none. */
    public static Setting<String> text(String name, String defaultValue) {
        return of(name, "text", "text", (text, respelled) -> text, defaultValue, shown(defaultValue));
    }

    /**
     * Whole numbers from {@code min} to {@code max}, comma-separated, none twice, at least one (the alert
     * thresholds); the value keeps the order written.
     */
    public static Setting<List<Integer>> wholeNumbers(String name, int min, int max, List<Integer> defaultValue) {
        return of(name, "list of whole numbers", "whole numbers from " + min + " to " + max
                + ", comma-separated, none twice", (text, respelled) -> {
            List<Integer> values = new ArrayList<>();
            for (String part : text.split(",", -1)) {
                Integer number = integer(part.strip());
                if (number == null || number < min || number > max || values.contains(number)) {
                    return null;
                }
                values.add(number);
            }
            return List.copyOf(values);
        }, List.copyOf(defaultValue), String.join(",", defaultValue.stream().map(String::valueOf).toList()));
    }

    /** A TCP/UDP port, 1 to 65535. */
    public static Setting<Integer> port(String name, Integer defaultValue) {
        return of(name, "port", "a port from 1 to 65535", (text, respelled) -> {
            Integer port = integer(text);
            return port != null && port >= 1 && port <= 65535 ? port : null;
        }, defaultValue, shown(defaultValue));
    }

    /** A whole number from {@code min} to {@code max}. */
    public static Setting<Integer> wholeNumber(String name, int min, int max, Integer defaultValue) {
        String allowed = max == Integer.MAX_VALUE ? "a whole number, at least " + min
                : "a whole number from " + min + " to " + max;
        return of(name, "whole number", allowed, (text, respelled) -> {
            Integer number = integer(text);
            return number != null && number >= min && number <= max ? number : null;
        }, defaultValue, shown(defaultValue));
    }

    /** A duration in certgate's syntax ({@link Durations}), from {@code min} to {@code max}. */
    public static Setting<Duration> duration(String name, Duration min, Duration max, Duration defaultValue) {
        return of(name, "duration", durationAllowed(min, max), (text, respelled) -> Durations.parse(text)
                .filter(d -> d.compareTo(min) >= 0 && d.compareTo(max) <= 0).orElse(null),
                defaultValue, defaultValue == null ? "—" : Durations.format(defaultValue));
    }

    /**
     * As {@link #duration}, and also an ISO-8601 duration ({@code PT1H}), for a setting that took ISO-8601 before
     * certgate had one duration syntax: such a value is used and reported as a {@link Respelling}.
     */
    public static Setting<Duration> durationOrIso8601(String name, Duration min, Duration max,
                                                      Duration defaultValue) {
        Setting<Duration> plain = duration(name, min, max, defaultValue);
        return new Setting<>(name, plain.type, plain.allowed, (text, respelled) -> {
            if (!Durations.isIso8601(text)) {
                return plain.parser.parse(text, respelled);
            }
            Optional<Duration> iso = Durations.parseIso8601(text)
                    .filter(d -> d.compareTo(min) >= 0 && d.compareTo(max) <= 0);
            iso.ifPresent(d -> respelled.accept(Durations.format(d)));
            return iso.orElse(null);
        }, defaultValue, plain.defaultText, plain.environment, false, Read.AT_START);
    }

    /**
     * A duration in whole seconds from {@code min} to {@code max}, in certgate's syntax ({@code 60}, {@code 5m}),
     * for a value that a protocol counts in seconds (a DNS TTL).
     */
    public static Setting<Duration> wholeSeconds(String name, Duration min, Duration max, Duration defaultValue) {
        return of(name, "duration", "a duration in whole seconds from " + Durations.format(min) + " to "
                + Durations.format(max) + " (such as 60, 5m or 1h)", (text, respelled) -> Durations.parse(text)
                .filter(d -> d.toMillis() % 1000 == 0 && d.compareTo(min) >= 0 && d.compareTo(max) <= 0)
                .orElse(null), defaultValue, defaultValue == null ? "—" : Durations.format(defaultValue));
    }

    /** A file or directory's path; {@code defaultValue} null: none (the docs say what happens without one). */
    public static Setting<Path> path(String name, Path defaultValue) {
        return of(name, "path", "a file path", (text, respelled) -> {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                return null;
            }
        }, defaultValue, shown(defaultValue));
    }

    /** A secret (a key, a password): never shown in a message or a log line; checked by the feature using it. */
    public static Setting<Secret> secret(String name) {
        Setting<Secret> setting = of(name, "secret", "a secret", (text, respelled) -> new Secret(text), null, "—");
        return new Setting<>(name, setting.type, setting.allowed, setting.parser, null, "—", setting.environment,
                true, Read.AT_START);
    }

    /** One of {@code choices} (as written; letter case matters). */
    public static Setting<String> oneOf(String name, String defaultValue, String... choices) {
        List<String> allowed = List.of(choices);
        return of(name, "one of " + String.join(", ", allowed), choices(allowed),
                (text, respelled) -> allowed.contains(text) ? text : null, defaultValue, shown(defaultValue));
    }

    /** One of {@code choices}, in any letter case (the value keeps the case it was written in). */
    public static Setting<String> oneOfIgnoringCase(String name, String defaultValue, String... choices) {
        List<String> allowed = List.of(choices);
        return of(name, "one of " + String.join(", ", allowed), choices(allowed),
                (text, respelled) -> allowed.contains(text.toLowerCase(Locale.ROOT)) ? text : null,
                defaultValue, shown(defaultValue));
    }

    /** {@code host} or {@code host:port} (an IPv6 address in brackets), port {@code defaultPort} when left out. */
    public static Setting<InetSocketAddress> hostAndPort(String name, int defaultPort) {
        return of(name, "host[:port]", "host or host:port", (text, respelled) -> {
            try {
                URI uri = URI.create("dns://" + text);
                if (uri.getHost() == null || uri.getPath() != null && !uri.getPath().isEmpty()
                        || uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
                    return null;
                }
                return new InetSocketAddress(uri.getHost().replaceAll("^\\[|\\]$", ""),
                        uri.getPort() == -1 ? defaultPort : uri.getPort());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }, null, "—");
    }

    /** An {@code http} or {@code https} URL with a host. */
    public static Setting<URI> httpUrl(String name) {
        return of(name, "URL", "an http(s) URL", (text, respelled) -> {
            try {
                URI uri = URI.create(text);
                boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
                return http && uri.getHost() != null ? uri : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }, null, "—");
    }

    // --- changed copies ------------------------------------------------------------------------------------------

    /** This setting, also read from the environment variable {@code variable} (an older name), after its own. */
    public Setting<T> withEnvironmentAlias(String variable) {
        if (!variable.matches("[A-Z][A-Z0-9_]*")) {
            throw new IllegalArgumentException("not an environment variable name: " + variable);
        }
        List<String> names = new ArrayList<>(environment);
        names.add(variable);
        return new Setting<>(name, type, allowed, parser, defaultValue, defaultText, names, secret, read);
    }

    /** This setting, read each time it is used rather than once at start. */
    public Setting<T> readAtUse() {
        return new Setting<>(name, type, allowed, parser, defaultValue, defaultText, environment, secret,
                Read.AT_USE);
    }

    /** This setting with its default described as {@code text} in the docs (a default that depends on the host). */
    public Setting<T> withDefaultShownAs(String text) {
        return new Setting<>(name, type, allowed, parser, defaultValue, text, environment, secret, read);
    }

    /** A property the application server sets (not certgate's own): no environment variable is documented for it. */
    public Setting<T> setByTheServer() {
        return new Setting<>(name, type, allowed, parser, defaultValue, defaultText, List.of(), secret, read);
    }

    // --- reading -------------------------------------------------------------------------------------------------

    /**
     * This setting's value from {@code source}: its name, then its older environment variable names; the default
     * (empty when it has none) when none is set or the value is blank.
     *
     * @param respellings told when the value is in an older syntax still accepted
     * @throws InvalidSettingException when the value is not allowed
     */
    public Optional<T> read(SettingsSource source, Consumer<Respelling> respellings) {
        String text = source.raw(name);
        for (int i = 1; (text == null || text.isBlank()) && i < environment.size(); i++) {
            text = source.raw(environment.get(i));
        }
        if (text == null || text.isBlank()) {
            return Optional.ofNullable(defaultValue);
        }
        String written = secret ? text : text.strip(); // a password may begin or end with a space
        T value = parser.parse(written, newSpelling -> respellings.accept(new Respelling(name, written,
                newSpelling)));
        if (value == null) {
            throw new InvalidSettingException(name, secret ? InvalidSettingException.HIDDEN : "'" + written + "'",
                    allowed);
        }
        return Optional.of(value);
    }

    /** As {@link #read(SettingsSource, Consumer)}, for a setting that has a default (so always a value). */
    public T readOrDefault(SettingsSource source, Consumer<Respelling> respellings) {
        return read(source, respellings).orElseThrow(() -> new IllegalStateException(name + " has no default"));
    }

    /** The setting's name, as a system property: {@code certgate.gateway.https-port}. */
    public String name() {
        return name;
    }

    /**
     * The environment variables that set it when no system property does, in the order they are looked at: the
     * one MicroProfile Config maps the name to, then older names; empty for a property the server sets.
     */
    public List<String> environment() {
        return environment;
    }

    /** The type as the docs write it: {@code port}, {@code duration}, {@code one of a, b}. */
    public String type() {
        return type;
    }

    /** What is allowed, as messages write it after "must be". */
    public String allowed() {
        return allowed;
    }

    /** The default as the docs write it ({@code —} for none). */
    public String defaultText() {
        return defaultText;
    }

    /** The default value; empty when unset means "none". */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** Whether the value is secret (never shown). */
    public boolean secret() {
        return secret;
    }

    /** When the server reads it. */
    public Read read() {
        return read;
    }

    @Override
    public String toString() {
        return name;
    }

    private static Integer integer(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String shown(Object defaultValue) {
        return defaultValue == null ? "—" : defaultValue.toString();
    }

    /** {@code a or b}, {@code a, b or c}. */
    private static String choices(List<String> choices) {
        int last = choices.size() - 1;
        return last == 0 ? choices.get(0) : String.join(", ", choices.subList(0, last)) + " or " + choices.get(last);
    }

    private static String durationAllowed(Duration min, Duration max) {
        return "a duration from " + Durations.format(min) + " to " + Durations.format(max) + " ("
                + Durations.SYNTAX + ")";
    }
}
