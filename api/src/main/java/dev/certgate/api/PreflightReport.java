package dev.certgate.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The pre-flight check of one ACME domain: what its challenge will need, tried against this installation.
 *
 * @param domain    the domain checked
 * @param challenge the domain's challenge type, which decides the checks made
 * @param ready     whether no check failed (warnings do not count): an order is expected to pass validation
 * @param findings  one per check made, in the order {@link PreflightCheck} lists them
 * @param checkedAt when the check ended
 */
public record PreflightReport(String domain, ChallengeType challenge, boolean ready, List<PreflightFinding> findings,
                              Instant checkedAt) implements Serializable {

    public PreflightReport {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(challenge, "challenge");
        findings = List.copyOf(findings);
        Objects.requireNonNull(checkedAt, "checkedAt");
    }

    /** The report of {@code findings}: ready when none of them failed. */
    public static PreflightReport of(String domain, ChallengeType challenge, List<PreflightFinding> findings,
                                     Instant checkedAt) {
        boolean ready = findings.stream().noneMatch(f -> f.outcome() == PreflightOutcome.FAILED);
        return new PreflightReport(domain, challenge, ready, findings, checkedAt);
    }

    /** The failed findings' messages, one after the other; empty when ready. */
    public String failures() {
        return String.join(" ", findings.stream().filter(f -> f.outcome() == PreflightOutcome.FAILED)
                .map(PreflightFinding::message).toList());
    }
}
