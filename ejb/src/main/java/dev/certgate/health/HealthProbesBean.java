package dev.certgate.health;

import dev.certgate.api.DatabaseStatus;
import dev.certgate.gateway.Gateway;
import dev.certgate.health.checks.HealthProbes;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The ejb side of the health checks (lib/certgate-health.jar): whether the gateway serves, whether the database
 * answers within 2 s, whether the gateway's worker threads take a task within 2 s. Called by WildFly's health
 * endpoint (no caller identity: the management interface's {@code /health} needs no sign-in), outside any
 * transaction; its database answer is also the web side's {@link DatabaseStatus} ({@code GET /api/v1/status}).
 */
@Stateless
@Local({HealthProbes.class, DatabaseStatus.class})
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HealthProbesBean implements HealthProbes, DatabaseStatus {

    static final int DATABASE_TIMEOUT_SECONDS = 2;
    static final long WORKER_TIMEOUT_MILLIS = 2_000;

    @EJB
    private Gateway gateway;

    @Resource(lookup = "java:jboss/datasources/CertgateDS")
    private DataSource database;

    @Override
    public Probe readiness() {
        boolean serving = gateway.serving();
        String databaseState = database();
        return new Probe(serving && databaseState.equals("answers"), Map.of(
                "gateway", serving ? "listening, snapshot generation " + gateway.servedGeneration()
                        : "not listening or no snapshot loaded",
                "database", databaseState));
    }

    @Override
    public Probe liveness() {
        boolean responsive = gateway.responsive(WORKER_TIMEOUT_MILLIS);
        return new Probe(responsive, Map.of("workers", responsive ? "responsive"
                : "no worker took a task within 2 s"));
    }

    @Override
    public boolean answers() {
        return database().equals("answers");
    }

    private String database() {
        try (Connection connection = database.getConnection()) {
            return connection.isValid(DATABASE_TIMEOUT_SECONDS) ? "answers" : "does not answer";
        } catch (SQLException | RuntimeException e) {
            return "does not answer: " + e.getClass().getSimpleName();
        }
    }
}
