package dev.certgate.settings;

import java.util.Objects;

/**
 * A setting whose value is not allowed. The message names the setting, the value (never a secret one's) and what
 * is allowed: {@code certgate.gateway.https-port must be a port from 1 to 65535, not '70000'}.
 * <p>
 * A runtime exception on purpose: it is a mistake in the server's configuration, found when the server starts (the
 * deployment stops with it) or when the feature that reads the setting at use runs (that feature stops with it);
 * no caller is expected to recover from it. It extends {@link IllegalArgumentException}, which it replaces.
 */
public class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** How a secret value appears in messages. */
    static final String HIDDEN = "(a secret value, not shown)";

    private final String setting;

    /**
     * @param setting the setting's name
     * @param shown   the value as the message may show it ({@link #HIDDEN} for a secret one)
     * @param allowed what is allowed, after "must be": {@code "a port from 1 to 65535"}
     */
    InvalidSettingException(String setting, String shown, String allowed) {
        super(setting + " must be " + allowed + ", not " + shown);
        this.setting = Objects.requireNonNull(setting, "setting");
    }

    /** A message of its own, for a rule between settings ({@code a and b must differ}). */
    InvalidSettingException(String setting, String message) {
        super(message);
        this.setting = Objects.requireNonNull(setting, "setting");
    }

    /** The name of the setting that is wrong (the first one, for a rule between settings). */
    public String setting() {
        return setting;
    }
}
