package dev.certgate.settings;

/**
 * A setting written in an older syntax that is still accepted, and how to write it now: the server logs it at start
 * (CERTGATE-8003) so that the operator can change it before the older syntax goes.
 *
 * @param setting     the setting's name
 * @param value       the value as written ({@code PT1H})
 * @param newSpelling the same value in today's syntax ({@code 1h})
 */
public record Respelling(String setting, String value, String newSpelling) {
}
