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
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

import java.io.Serializable;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard: certificate counts by state, the expiry timeline of the next 90 days (a chart and its table), the
 * alerts of the last 7 days, next ACME renewals, latest ACME failures, soonest expiries. Everything is read once per
 * refresh (one call to each service), never by a getter.
 */
@Named
@ViewScoped
public class Dashboard implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int LIST_SIZE = 8;

    @EJB
    private DashboardService dashboard;

    private DashboardSummary summary;

    /** The expiry timeline as the chart's Chart.js configuration (JSON); empty without a summary. */
    private String timelineChart = "";

    @EJB
    private AlertService alerts;

    /** The alerts raised in the last {@value #ALERT_DAYS} days, newest first, at most {@value #ALERT_ROWS}. */
    private List<AlertView> recentAlerts = List.of();

    static final int ALERT_DAYS = 7;
    static final int ALERT_ROWS = 20;

    private static final DateTimeFormatter AXIS_DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

    @PostConstruct
    void load() {
        refresh();
    }

    /** Counts again. */
    public void refresh() {
        PageActions.run("reading the dashboard", "every signed-in user may read the dashboard.", () -> {
            summary = dashboard.summary(LIST_SIZE);
            timelineChart = timelineChart(summary.expiryTimeline());
            List<AlertView> recent = alerts.recent(ALERT_DAYS);
            recentAlerts = recent.subList(0, Math.min(ALERT_ROWS, recent.size()));
            return null;
        });
    }

    /** The figures; null when they could not be read (a message says why). */
    public DashboardSummary getSummary() {
        return summary;
    }

    public String getTimelineChart() {
        return timelineChart;
    }

    public int getTimelineDays() {
        return DashboardService.TIMELINE_DAYS;
    }

    /** A week's label on the chart's axis: its first day, "Dec 2". */
    public String weekLabel(DashboardSummary.ExpiryWeek week) {
        return axisLabel(week);
    }

    private static String axisLabel(DashboardSummary.ExpiryWeek week) {
        return AXIS_DAY.format(week.from());
    }

    /**
     * The Chart.js configuration of {@code <p:chart>} (PrimeFaces 15 dropped the Java chart models): one bar per
     * week, no animation (the counts are read at once), sized by its container so that it fits a narrow window.
     */
    static String timelineChart(List<DashboardSummary.ExpiryWeek> weeks) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder counts = Json.createArrayBuilder();
        for (DashboardSummary.ExpiryWeek week : weeks) {
            labels.add(axisLabel(week));
            counts.add(week.count());
        }
        return Json.createObjectBuilder()
                .add("type", "bar")
                .add("data", Json.createObjectBuilder()
                        .add("labels", labels)
                        .add("datasets", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                .add("label", "Certificates ending in the week")
                                .add("data", counts)
                                .add("backgroundColor", "#f59e0b"))))
                .add("options", Json.createObjectBuilder()
                        .add("responsive", true)
                        .add("maintainAspectRatio", false)
                        .add("animation", false)
                        .add("plugins", Json.createObjectBuilder()
                                .add("legend", Json.createObjectBuilder().add("display", false)))
                        .add("scales", Json.createObjectBuilder()
                                .add("y", Json.createObjectBuilder().add("beginAtZero", true)
                                        .add("ticks", Json.createObjectBuilder().add("precision", 0)))))
                .build().toString();
    }

    public List<AlertView> getRecentAlerts() {
        return recentAlerts;
    }

    public int getExpiringSoonDays() {
        return DashboardService.EXPIRING_SOON_DAYS;
    }
}
