package dev.certgate.health.checks;

import java.util.Map;

/**
 * What the health checks ask the application: implemented on the ejb side by {@code HealthProbesBean} (a local
 * view, found under {@link #JNDI_NAME}), which knows the gateway and the database. JDK types only, so this jar needs
 * nothing of the application's.
 */
public interface HealthProbes {

    /** The global JNDI name of the ejb side's implementation (application {@code certgate}, module {@code ejb}). */
    String JNDI_NAME = "java:global/certgate/ejb/HealthProbesBean!" + "dev.certgate.health.checks.HealthProbes";

    /** One probe's answer: up or down, with what a reader of {@code /health} needs to know why. */
    record Probe(boolean up, Map<String, String> data) {
        public Probe {
            data = Map.copyOf(data);
        }
    }

    /**
     * Ready: the gateway listens with a loaded snapshot, the database answers, and the gateway serves the latest
     * committed change (or has been behind for no longer than the grace period).
     */
    Probe readiness();

    /** Live: the gateway's worker threads take a task. */
    Probe liveness();
}
