package dev.certgate.api;

import java.io.Serializable;

/**
 * What one alert check did.
 *
 * @param ran       false when another node was running the check (then the other figures are 0)
 * @param raised    alerts raised now
 * @param delivered messages that got through (a digest is one message per channel)
 * @param failed    messages that failed after every retry
 */
public record AlertCheckResult(boolean ran, int raised, int delivered, int failed) implements Serializable {
}
