package dev.certgate.health.checks;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the gateway's worker threads take a task within 2 s (a stuck pool is cured only by a restart). */
@Liveness
@ApplicationScoped
public class CertgateLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return ProbeCall.answer("certgate-gateway-threads", HealthProbes::liveness);
    }
}
