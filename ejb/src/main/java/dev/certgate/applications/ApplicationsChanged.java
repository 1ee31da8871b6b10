package dev.certgate.applications;

/**
 * Fired inside the transaction that changed an application or its domains; the gateway observes it after commit.
 *
 * @param applicationId the application that changed
 */
public record ApplicationsChanged(String applicationId) {
}
