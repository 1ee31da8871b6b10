package dev.certgate.dashboard;

import dev.certgate.acme.AcmeDirectory;
import dev.certgate.alerts.AlertDirectory;
import dev.certgate.served.ServedCheck;
import dev.certgate.api.CertgateException;
import dev.certgate.api.DashboardService;
import dev.certgate.api.DashboardSummary;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.Roles;
import dev.certgate.certificates.CertificateDirectory;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The Dashboard's figures, each from the capability that owns it: the certificates' expiry counts and timeline, the
 * ACME domains' states, the alert channels that fail, read in one transaction.
 */
@Stateless
@DeclareRoles({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
public class DashboardServiceBean implements DashboardService {

    @EJB
    private CertificateDirectory certificates;

    @EJB
    private AcmeDirectory acme;

    @EJB
    private AlertDirectory alerts;

    @EJB
    private ServedCheck served;

    @Override
    public DashboardSummary summary(int listSize) throws CertgateException {
        if (listSize < 1 || listSize > 50) {
            throw new InvalidInputException("listSize", "The list size must be from 1 to 50, not " + listSize + ".");
        }
        Instant now = Instant.now();
        Instant horizon = now.plus(Duration.ofDays(EXPIRING_SOON_DAYS));
        CertificateDirectory.ExpiryFigures expiry = certificates.expiryFigures(now, horizon, listSize);
        List<DashboardSummary.ExpiryWeek> timeline = ExpiryTimeline.weeks(LocalDate.ofInstant(now, ZoneOffset.UTC),
                TIMELINE_DAYS, certificates.endingPerDay(now, now.plus(Duration.ofDays(TIMELINE_DAYS))));
        AcmeDirectory.Figures domains = acme.figures(listSize);
        return new DashboardSummary(now, expiry.expired() + expiry.expiringSoon() + expiry.valid()
                + expiry.notYetValid(), expiry.valid(), expiry.expiringSoon(), expiry.expired(), expiry.notYetValid(),
                domains.domains(), domains.failing(), domains.next(), domains.failures(), expiry.soonest(),
                alerts.channelCount(), alerts.failingChannels(), served.problems(), timeline);
    }
}
