package dev.certgate.api;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * certgate's database does not answer (stopped, unreachable, refusing certgate's account): nothing of the call was
 * saved. Of category {@link ErrorCategory#UNAVAILABLE} (REST 503, command line exit 8). The gateway goes on serving
 * what it loaded meanwhile, and every surface works again once the database is back, without a restart.
 *
 * <p>{@link #isCause} is the one place that tells such a failure from any other: the EJBs' default interceptor turns
 * what the persistence layer throws into this exception with it, and the REST API uses it for a failure that reached
 * it unconverted (a transaction that failed at its commit).
 */
public class DatabaseUnavailableException extends CertgateException {

    private static final long serialVersionUID = 1L;

    public static final String MESSAGE = "The database does not answer, so nothing was read or changed. certgate's "
            + "gateway goes on serving what it loaded; try again when the database is back.";

    public DatabaseUnavailableException() {
        super(ErrorCategory.UNAVAILABLE, MESSAGE);
    }

    /**
     * Whether {@code failure} (or a cause of it) says that no connection to the database can be had: a JDBC
     * connection failure (SQL state class 08), an account the database refuses (28000), the connection pool's
     * "unable to get a managed connection" (IronJacamar IJ000453, IJ000655), or Elytron's realm being unavailable
     * (certgate's only realm is the JDBC realm over its database).
     */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseUnavailableException
                    || t instanceof SQLNonTransientConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("28000"))) {
                return true;
            }
            if (t.getClass().getName().equals("org.wildfly.security.auth.server.RealmUnavailableException")) {
                return true; // certgate's only realm is the JDBC realm over its database
            }
            String message = t.getMessage();
            if (message != null && (message.startsWith("IJ000453") || message.startsWith("IJ000655"))) {
                return true;
            }
        }
        return false;
    }
}
