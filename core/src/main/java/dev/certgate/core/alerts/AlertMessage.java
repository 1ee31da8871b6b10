package dev.certgate.core.alerts;

import java.util.List;
import java.util.Objects;

/**
 * What one delivery to one channel carries: a single alert, or a digest of several raised at once.
 *
 * @param subject one line (a mail subject)
 * @param text    the body in plain text
 * @param alerts  the alerts it carries, at least one
 */
public record AlertMessage(String subject, String text, List<Alert> alerts) {

    public AlertMessage {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        alerts = List.copyOf(alerts);
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("a message carries at least one alert");
        }
    }

    /** Whether this is a digest of several alerts. */
    public boolean digest() {
        return alerts.size() > 1;
    }
}
