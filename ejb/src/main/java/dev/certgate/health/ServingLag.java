package dev.certgate.health;

import dev.certgate.settings.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;

import java.time.Clock;

/**
 * This node's one {@link LagRule}, kept between readiness probes (the probes' bean is stateless and pooled, the time
 * a node has been behind is not). Internal: no remote view.
 */
@Singleton
@PermitAll
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ServingLag {

    @EJB
    private Settings settings;

    private LagRule rule;

    @PostConstruct
    void start() {
        rule = new LagRule(settings.current().clusterReadyLag(), Clock.systemUTC());
    }

    /** One look: the gateway serves {@code served}, the latest committed generation is {@code latest}. */
    public LagRule.Verdict look(long served, long latest) {
        return rule.look(served, latest);
    }
}
