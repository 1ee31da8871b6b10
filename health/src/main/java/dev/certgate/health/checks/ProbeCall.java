package dev.certgate.health.checks;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** Asks the ejb side's probes by their global JNDI name (the checks run on a management thread, outside the EAR). */
final class ProbeCall {

    private ProbeCall() {
    }

    static HealthCheckResponse answer(String name, Function<HealthProbes, HealthProbes.Probe> probe) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name);
        HealthProbes.Probe answer;
        try {
            answer = probe.apply((HealthProbes) new InitialContext().lookup(HealthProbes.JNDI_NAME));
        } catch (NamingException | RuntimeException e) {
            // not deployed yet, being undeployed, or failing: down, with the reason's kind (never a stack trace)
            answer = new HealthProbes.Probe(false, Map.of("application", "does not answer: "
                    + e.getClass().getSimpleName()));
        }
        answer.data().forEach(response::withData);
        return response.status(answer.up()).build();
    }
}
