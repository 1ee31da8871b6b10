package dev.certgate.web.dashboard;

import dev.certgate.api.AlertService;
import dev.certgate.api.AlertView;
import dev.certgate.api.DashboardService;
import dev.certgate.api.DashboardSummary;
import dev.certgate.web.PageActions;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/** The dashboard: certificate counts by state, next ACME renewals, latest ACME failures, soonest expiries. */
@Named
@ViewScoped
public class Dashboard implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int LIST_SIZE = 8;

    @EJB
    private DashboardService dashboard;

    private DashboardSummary summary;

    @EJB
    private AlertService alerts;

    /** The alerts raised in the last {@value #ALERT_DAYS} days, newest first, at most {@value #ALERT_ROWS}. */
    private List<AlertView> recentAlerts = List.of();

    static final int ALERT_DAYS = 7;
    static final int ALERT_ROWS = 20;

    @PostConstruct
    void load() {
        refresh();
    }

    /** Counts again. */
    public void refresh() {
        PageActions.run("reading the dashboard", "every signed-in user may read the dashboard.", () -> {
            summary = dashboard.summary(LIST_SIZE);
            List<AlertView> recent = alerts.recent(ALERT_DAYS);
            recentAlerts = recent.subList(0, Math.min(ALERT_ROWS, recent.size()));
            return null;
        });
    }

    /** The figures; null when they could not be read (a message says why). */
    public DashboardSummary getSummary() {
        return summary;
    }

    public List<AlertView> getRecentAlerts() {
        return recentAlerts;
    }

    public int getExpiringSoonDays() {
        return DashboardService.EXPIRING_SOON_DAYS;
    }
}
