package dev.certgate.client;

import dev.certgate.api.CertgateException;
import dev.certgate.api.ErrorCategory;

import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Turns what a command threw into one line for its user and an exit code ({@link ExitCodes}). Expected failures never
 * print a stack trace; {@code --debug} adds one.
 */
final class Failures {

    /** The user's message and exit code for a failure. */
    record Outcome(int exitCode, String message) {
    }

    private Failures() {
    }

    /** What the command line says when the server refused a sign-in because its database does not answer. */
    static final String DATABASE_AWAY = "the server cannot check the user name and password now: its database does "
            + "not answer (GET /api/v1/status says so). Nothing was changed; try again when the database is back.";

    /**
     * @param databaseAway asked only for a refused sign-in: whether the server says its database does not answer
     *                     (then the refusal is not the password's fault)
     */
    static int report(Throwable failure, PrintWriter err, boolean debug, BooleanSupplier databaseAway) {
        Outcome outcome = classify(failure);
        if (outcome.exitCode() == ExitCodes.AUTHENTICATION && databaseAway.getAsBoolean()) {
            outcome = new Outcome(ExitCodes.UNAVAILABLE, DATABASE_AWAY);
        }
        err.println("certgate: " + outcome.message());
        if (debug) {
            failure.printStackTrace(err);
        }
        err.flush();
        return outcome.exitCode();
    }

    static Outcome classify(Throwable failure) {
        if (failure instanceof CertgateException refused) {
            return new Outcome(exitCode(refused.category()), refused.getMessage());
        }
        if (failure instanceof UsageException usage) {
            return new Outcome(ExitCodes.BAD_INPUT, usage.getMessage());
        }
        // A failure of the call itself arrives wrapped (EJBException, NoSuchEJBException, naming...): the cause
        // that says what happened may be a cause or a suppressed exception of the thrown one.
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(failure);
        Outcome found = null;
        while (!todo.isEmpty() && seen.size() < 100) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            Outcome outcome = transport(t);
            if (outcome != null && (found == null || outcome.exitCode() == ExitCodes.AUTHENTICATION)) {
                found = outcome;
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            Collections.addAll(todo, t.getSuppressed());
        }
        if (found != null) {
            return found;
        }
        String what = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new Outcome(ExitCodes.ERROR, "the call failed: " + what + " (the server's log may say more; "
                + "--debug shows the client's side)");
    }

    /** The exit code of a category: the one place the command line maps them (the table is in ErrorCategory). */
    static int exitCode(ErrorCategory category) {
        return switch (category) {
            case INVALID_INPUT, UNACCEPTABLE -> ExitCodes.BAD_INPUT;
            case NOT_FOUND -> ExitCodes.NOT_FOUND;
            case CONFLICT -> ExitCodes.CONFLICT;
            case AUTHENTICATION -> ExitCodes.AUTHENTICATION;
            case REFUSED -> ExitCodes.FORBIDDEN;
            case UNAVAILABLE -> ExitCodes.UNAVAILABLE;
        };
    }

    /** What a transport or security failure means to the user; null when {@code t} is not one of those. */
    private static Outcome transport(Throwable t) {
        String type = t.getClass().getName();
        if (type.equals("jakarta.ejb.EJBAccessException")) {
            return new Outcome(exitCode(ErrorCategory.REFUSED), "your role does not allow this.");
        }
        if (t instanceof javax.security.sasl.SaslException
                || t instanceof javax.security.auth.login.LoginException
                || type.endsWith("AuthenticationException")
                || (t.getMessage() != null && t.getMessage().contains("Authentication failed"))) {
            return new Outcome(exitCode(ErrorCategory.AUTHENTICATION),
                    "the server refused the user name or password.");
        }
        if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                || t instanceof UnresolvedAddressException || t instanceof SocketTimeoutException) {
            return new Outcome(ExitCodes.UNREACHABLE, "the server cannot be reached (" + describe(t) + ").");
        }
        return null;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** A command line that cannot be carried out as it is, found after parsing (a missing file, say). */
    static final class UsageException extends Exception {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
