package dev.certgate.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * certgate's one duration syntax: a whole number and a unit, {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h},
 * {@code 1d}; a number without a unit is seconds. Older settings that took ISO-8601 ({@code PT1H}) read it through
 * {@link #parseIso8601(String)} and say so in the log.
 */
public final class Durations {

    /** The syntax, for messages and docs. */
    public static final String SYNTAX = "500ms, 5s, 2m, 1h or 1d; no unit: seconds";

    /** Up to 10 digits: 9 999 999 999 days still fits a {@link Duration} without overflow. */
    private static final Pattern DURATION = Pattern.compile("(\\d{1,10})\\s*(ms|s|m|h|d)?");

    private Durations() {
    }

    /** The duration {@code text} writes ({@code " 5s "} is 5 seconds), or empty when it is not in the syntax. */
    public static Optional<Duration> parse(String text) {
        Matcher matcher = DURATION.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return Optional.of(switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        });
    }

    /** Whether {@code text} looks like an ISO-8601 duration ({@code PT1H}, {@code P1D}) rather than this syntax. */
    public static boolean isIso8601(String text) {
        return text.strip().toUpperCase(Locale.ROOT).startsWith("P");
    }

    /** The ISO-8601 duration {@code text} writes, or empty when it is none or negative. */
    public static Optional<Duration> parseIso8601(String text) {
        try {
            Duration duration = Duration.parse(text.strip());
            return duration.isNegative() ? Optional.empty() : Optional.of(duration);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code duration} in this syntax, in the largest unit that writes it exactly: 1 hour is {@code 1h}, 90 minutes
     * {@code 90m}, 1.5 seconds {@code 1500ms} (anything below a millisecond is dropped).
     */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0 || millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
