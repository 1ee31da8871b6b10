package dev.certgate.api;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The dashboard's figures at one instant.
 *
 * @param at              when they were counted
 * @param total           stored certificates in all
 * @param valid           certificates begun and valid for more than {@link DashboardService#EXPIRING_SOON_DAYS} days
 * @param expiringSoon    certificates begun and still valid that end within that many days
 * @param expired         certificates past their end
 * @param notYetValid     certificates whose validity has not begun (not-before ahead): in none of the counts above
 * @param acmeDomains     domains whose certificate ACME obtains
 * @param acmeFailing     those whose last ACME attempt failed
 * @param nextRenewals    ACME domains by their next attempt, soonest first
 * @param latestFailures  ACME domains whose last attempt failed, latest first, with the cause
 * @param expiringSoonest certificates still valid that end soonest (whatever their source), soonest first
 * @param alertChannels   how many alert channels there are (none: alerts reach nobody)
 * @param failingChannels the alert channels whose last delivery failed
 * @param servedProblems  the names this node's gateway does not serve as the store says (the served-certificate
 *                        check), sorted
 * @param expiryTimeline  the certificates that end in the next {@link DashboardService#TIMELINE_DAYS} days, by week
 *                        (UTC days, the first week starting today), every week listed, soonest first
 */
public record DashboardSummary(Instant at, long total, long valid, long expiringSoon, long expired, long notYetValid,
                               long acmeDomains, long acmeFailing, List<AcmeDomainView> nextRenewals,
                               List<AcmeDomainView> latestFailures, List<ExpiringCertificate> expiringSoonest,
                               long alertChannels, List<AlertChannelView> failingChannels,
                               List<ServedCheckView> servedProblems, List<ExpiryWeek> expiryTimeline)
        implements Serializable {

    public DashboardSummary {
        nextRenewals = List.copyOf(nextRenewals);
        latestFailures = List.copyOf(latestFailures);
        expiringSoonest = List.copyOf(expiringSoonest);
        failingChannels = List.copyOf(failingChannels);
        servedProblems = List.copyOf(servedProblems);
        expiryTimeline = List.copyOf(expiryTimeline);
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

    /**
     * One week of the expiry timeline.
     *
     * @param from  its first day (UTC)
     * @param to    its last day (UTC), inclusive
     * @param count how many certificates end in it (from now on, and not past the timeline's end)
     */
    public record ExpiryWeek(LocalDate from, LocalDate to, long count) implements Serializable {

        public ExpiryWeek {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.isBefore(from) || count < 0) {
                throw new IllegalArgumentException("a week from " + from + " to " + to + " with " + count);
            }
        }
    }
}
