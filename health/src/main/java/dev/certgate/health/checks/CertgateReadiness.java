package dev.certgate.health.checks;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the gateway listens with a loaded snapshot, the database answers and the node is not lagging (its
 * gateway serves the latest committed change, or has been behind it for no longer than
 * {@code certgate.cluster.ready-lag}): a load balancer then sends clients here. (The gateway keeps serving from its snapshot while the database is down; the node is reported not ready then
 * because it can take no change and renew nothing.)
 */
@Readiness
@ApplicationScoped
public class CertgateReadiness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return ProbeCall.answer("certgate", HealthProbes::readiness);
    }
}
