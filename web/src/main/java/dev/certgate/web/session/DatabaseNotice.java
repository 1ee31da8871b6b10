package dev.certgate.web.session;

import dev.certgate.api.DatabaseStatus;
import dev.certgate.api.DatabaseUnavailableException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * The admin template's notice while the database does not answer: shown above every page's content, so that an empty
 * table or a missing figure is never taken for "nothing there". Asked once per page request (one connection check of
 * at most 2 s); a page's own actions say the same in their messages.
 */
@Named
@RequestScoped
public class DatabaseNotice {

    @EJB
    private DatabaseStatus database;

    private Boolean away;

    /** Whether the database does not answer now (asked once per request). */
    public boolean isAway() {
        if (away == null) {
            away = !database.answers();
        }
        return away;
    }

    /** What the notice says. */
    public String getText() {
        return DatabaseUnavailableException.MESSAGE + " What this page shows may be empty or out of date until then.";
    }
}
