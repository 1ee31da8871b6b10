package dev.certgate.boundary;

import dev.certgate.api.CertgateException;
import dev.certgate.api.DatabaseUnavailableException;
import dev.certgate.logging.CertgateLog;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a call that failed because the database does not answer into a {@link DatabaseUnavailableException}, so that
 * every surface says so (REST 503, command line exit 8, the page's message) instead of an internal error. A default
 * interceptor of every certgate EJB (META-INF/ejb-jar.xml). It runs inside the call's transaction, which the
 * container then rolls back: nothing is half-saved.
 *
 * <p>A method that does not declare {@link CertgateException} (timers, the gateway's own calls) gets the failure as it
 * was. The log says it once per {@link #LOG_EVERY_MILLIS}, not once per call, while the database is away.
 */
public class DatabaseFailures {

    static final long LOG_EVERY_MILLIS = 30_000;

    private static final AtomicLong LAST_LOGGED = new AtomicLong(Long.MIN_VALUE / 2);

    @AroundInvoke
    public Object sayTheDatabaseIsAway(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (CertgateException expected) {
            throw expected;
        } catch (RuntimeException failure) {
            if (DatabaseUnavailableException.isCause(failure) && declaresCertgateException(invocation)) {
                long now = System.currentTimeMillis();
                long last = LAST_LOGGED.get();
                if (now - last >= LOG_EVERY_MILLIS && LAST_LOGGED.compareAndSet(last, now)) {
                    CertgateLog.databaseUnavailable(invocation.getMethod().getDeclaringClass().getSimpleName() + "."
                            + invocation.getMethod().getName(), rootMessage(failure));
                }
                throw new DatabaseUnavailableException();
            }
            throw failure;
        }
    }

    private static boolean declaresCertgateException(InvocationContext invocation) {
        if (invocation.getMethod() == null) {
            return false; // a lifecycle or timeout callback
        }
        for (Class<?> type : invocation.getMethod().getExceptionTypes()) {
            if (type.isAssignableFrom(DatabaseUnavailableException.class)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
