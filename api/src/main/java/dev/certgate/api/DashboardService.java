package dev.certgate.api;

import jakarta.ejb.Remote;

/**
 * What the dashboard shows at a glance: how many certificates are in each state, which ACME renewals come next, and
 * the latest ACME failures with their causes. Every figure is counted by the database, so it stays fast with
 * 100 000 certificates. Any signed-in role may read it.
 */
@Remote
public interface DashboardService {

    /** How many certificates expire within this many days to count as "expiring soon". */
    int EXPIRING_SOON_DAYS = CertificateState.EXPIRING_DAYS;

    /** How many days ahead the expiry timeline looks. */
    int TIMELINE_DAYS = 90;

    /**
     * The figures as of now.
     *
     * @param listSize how many rows each list (next renewals, latest failures, expiring soonest) may hold, 1 to 50
     * @throws InvalidInputException for a list size outside 1 to 50
     */
    DashboardSummary summary(int listSize) throws CertgateException;
}
