package dev.certgate.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * The dashboard's figures at one instant.
 *
 * @param at              when they were counted
 * @param total           stored certificates in all
 * @param valid           certificates valid for more than {@link DashboardService#EXPIRING_SOON_DAYS} days
 * @param expiringSoon    certificates still valid that end within that many days
 * @param expired         certificates past their end
 * @param acmeDomains     domains whose certificate ACME obtains
 * @param acmeFailing     those whose last ACME attempt failed
 * @param nextRenewals    ACME domains by their next attempt, soonest first
 * @param latestFailures  ACME domains whose last attempt failed, latest first, with the cause
 * @param expiringSoonest certificates still valid that end soonest (whatever their source), soonest first
 * @param alertChannels   how many alert channels there are (none: alerts reach nobody)
 * @param failingChannels the alert channels whose last delivery failed
 * @param servedProblems  the names this node's gateway does not serve as the store says (the served-certificate
 *                        check), sorted
 */
public record DashboardSummary(Instant at, long total, long valid, long expiringSoon, long expired, long acmeDomains,
                               long acmeFailing, List<AcmeDomainView> nextRenewals,
                               List<AcmeDomainView> latestFailures, List<ExpiringCertificate> expiringSoonest,
                               long alertChannels, List<AlertChannelView> failingChannels,
                               List<ServedCheckView> servedProblems)
        implements Serializable {

    public DashboardSummary {
        nextRenewals = List.copyOf(nextRenewals);
        latestFailures = List.copyOf(latestFailures);
        expiringSoonest = List.copyOf(expiringSoonest);
        failingChannels = List.copyOf(failingChannels);
        servedProblems = List.copyOf(servedProblems);
    }

    /**
     * A certificate that ends soon.
     *
     * @param id         its id
     * @param commonName its common name
     * @param source     where it came from
     * @param notAfter   its end
     */
    public record ExpiringCertificate(String id, String commonName, CertificateSource source, Instant notAfter)
            implements Serializable {
    }
}
