package dev.certgate.api;

import java.io.Serializable;
import java.util.Objects;

/**
 * What one pre-flight check found, in plain words.
 *
 * @param check   which check
 * @param outcome how it ended
 * @param message what was found and, when it failed, the likely fix (e.g. "Port 80 of 203.0.113.7 answers, but
 *                not from this gateway: is another server or a CDN in front?")
 */
public record PreflightFinding(PreflightCheck check, PreflightOutcome outcome, String message)
        implements Serializable {

    public PreflightFinding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
    }
}
