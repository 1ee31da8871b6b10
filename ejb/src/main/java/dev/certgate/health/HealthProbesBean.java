package dev.certgate.health;

import dev.certgate.api.DatabaseStatus;
import dev.certgate.gateway.ChangeSequence;
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
 * answers within 2 s, whether the gateway serves the latest committed change (or has been behind for no longer than
 * {@code certgate.cluster.ready-lag}: {@link LagRule}), whether the gateway's worker threads take a task within 2 s. Called by WildFly's health
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

    @EJB
    private ChangeSequence sequence;

    @EJB
    private ServingLag lag;

    @Resource(lookup = "java:jboss/datasources/CertgateDS")
    private DataSource database;

    @Override
    public Probe readiness() {
        boolean serving = gateway.serving();
        long served = gateway.servedGeneration();
        String databaseState = database();
        boolean answers = databaseState.equals("answers");
        boolean caughtUp = true;
        String changes = "not known (the database does not answer)";
        if (answers) {
            try {
                LagRule.Verdict verdict = lag.look(served, sequence.current());
                caughtUp = verdict.ready();
                changes = verdict.data();
            } catch (RuntimeException e) {
                caughtUp = false; // the database answered the check, then not the read
                changes = "not known: " + e.getClass().getSimpleName();
            }
        }
        return new Probe(serving && answers && caughtUp, Map.of(
                "gateway", serving ? "listening, snapshot generation " + served
                        : "not listening or no snapshot loaded",
                "database", databaseState,
                "changes", changes));
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
