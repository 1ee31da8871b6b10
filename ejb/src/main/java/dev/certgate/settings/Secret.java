package dev.certgate.settings;

import java.util.Objects;

/**
 * The value of a secret setting (a key, a password). Its {@link #toString()} never shows it, so it cannot end up in a
 * log line or an exception message by accident; {@link #reveal()} is for the one place that uses it.
 */
public final class Secret {

    private final String value;

    Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The secret itself, for the code that uses it (never log it). */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return InvalidSettingException.HIDDEN;
    }
}
