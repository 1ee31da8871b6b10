package dev.certgate.web.audit;

import dev.certgate.api.AuditAction;
import dev.certgate.api.AuditEntry;
import dev.certgate.api.AuditQuery;
import dev.certgate.api.AuditService;
import dev.certgate.api.InvalidInputException;
import dev.certgate.web.PageActions;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The Audit page (admins and auditors): the log newest first, filtered by user, action and time range, paged by the
 * database (the table asks for one page at a time; the service counts and cuts it). Times typed in the filter are
 * in the browser's time zone (certgate.js puts its name in the form).
 */
@Named("auditLogPage")
@ViewScoped
public class AuditLogPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String REFUSAL = "only admins and auditors read the audit log.";

    /** The actions the services write, for the filter's list (a typed name is read as AuditAction.parse does). */
    private static final List<String> ACTIONS = Arrays.stream(AuditAction.values()).map(Enum::name).toList();

    /** The table's client id in audit.xhtml. */
    private static final String TABLE = "auditForm:audit";
    private static final DateTimeFormatter TYPED = DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm[:ss]");

    @EJB
    private AuditService audit;

    /** Set when the service refused this user, so one page view says so once, not once per call. */
    private boolean refused;

    // the filter as typed
    private String user;
    private String action;
    private String from;
    private String to;
    private String zone;

    /** The filter in force (applied by "Search"), never half-typed. */
    private AuditQuery applied = new AuditQuery(null, null, null, null, 0, 1);

    private final Entries entries = new Entries();

    public AuditLogPage() {
    }

    /** A page on the service given (the unit tests). */
    AuditLogPage(AuditService audit) {
        this.audit = audit;
    }

    /** Applies the filter typed; a bad one keeps the previous filter and says why. */
    public void search() {
        ZoneId browser = browserZone();
        Instant start;
        Instant end;
        try {
            start = instant(from, "From", browser);
            end = instant(to, "To", browser);
        } catch (IllegalArgumentException e) {
            PageActions.error(e.getMessage());
            return;
        }
        if (start != null && end != null && !start.isBefore(end)) {
            PageActions.error("The time range is empty: 'From' must be before 'To'.");
            return;
        }
        AuditAction named;
        try {
            named = AuditAction.parse(action);
        } catch (InvalidInputException e) {
            PageActions.error(e.getMessage());
            return;
        }
        applied = new AuditQuery(blankToNull(user), named, start, end, 0, 1);
        firstPage();
    }

    /** A new filter shows its first page (the table keeps its page number otherwise). */
    private static void firstPage() {
        var table = FacesContext.getCurrentInstance().getViewRoot().findComponent(TABLE);
        if (table instanceof DataTable dataTable) {
            dataTable.setFirst(0);
        }
    }

    public void clear() {
        user = null;
        action = null;
        from = null;
        to = null;
        applied = new AuditQuery(null, null, null, null, 0, 1);
        firstPage();
    }

    /** A time typed as {@code 2026-03-10 14:30} or {@code 2026-03-10} in {@code zone}; null when blank. */
    static Instant instant(String text, String label, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip().replace('T', ' ');
        try {
            LocalDateTime local = t.length() <= 10 ? LocalDate.parse(t).atStartOfDay()
                    : LocalDateTime.parse(t, TYPED);
            return local.atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + label + "' is not a time: write it as 2026-03-10 14:30, or "
                    + "2026-03-10 for the start of that day, not '" + text.strip() + "'.", e);
        }
    }

    private ZoneId browserZone() {
        try {
            return zone == null || zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /**
     * Calls the service unless it already refused this user in this view (one message, not one per call).
     *
     * @return whether the call was made and succeeded
     */
    private boolean read(PageActions.Call call) {
        if (refused) {
            return false;
        }
        refused = !PageActions.run("reading the audit log", REFUSAL, () -> {
            call.run();
            return null;
        });
        return !refused;
    }

    /** The table's rows: the one count of a refresh, then one database page per table page, not counted again. */
    public class Entries extends LazyDataModel<AuditEntry> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            long[] total = new long[1];
            read(() -> total[0] = audit.count(applied.withPage(0, 1)));
            return (int) Math.min(Integer.MAX_VALUE, total[0]);
        }

        @Override
        public List<AuditEntry> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                     Map<String, FilterMeta> filterBy) {
            int size = Math.max(1, pageSize);
            List<AuditEntry> rows = new ArrayList<>();
            read(() -> rows.addAll(audit.entries(applied.withPage(first / size, size))));
            return rows;
        }

    @Override
        public String getRowKey(AuditEntry entry) {
            return entry.time() + "|" + entry.user() + "|" + entry.action() + "|" + entry.target();
        }

        @Override
        public AuditEntry getRowData(String rowKey) {
            return null; // no selection on this table
        }
    }

    public Entries getEntries() { return entries; }
    public List<String> getActions() { return ACTIONS; }
    public String getUser() { return user; }
    public void setUser(String user) { this.user = user; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
    public String getFrom() { return from; }
    public void setFrom(String from) { this.from = from; }
    public String getTo() { return to; }
    public void setTo(String to) { this.to = to; }
    public String getZone() { return zone; }
    public void setZone(String zone) { this.zone = zone; }
}
