package dev.certgate.web;

import dev.certgate.api.CertgateException;
import dev.certgate.api.DatabaseUnavailableException;
import dev.certgate.api.ErrorCategory;
import dev.certgate.api.Roles;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs a page's call to a service and shows its outcome as a message: the success sentence, what the service
 * refused (its message, in the user's words), a role refusal, or — for a bug — a short sentence while the cause is
 * logged. Never a stack trace. A failed call marks the request as failed ({@code args.validationFailed} in the page)
 * so dialogs stay open. What a page shows for each {@link ErrorCategory} is decided in {@link #shown} only.
 */
public final class PageActions {

    /** A call that says what it did, or null to say nothing. */
    @FunctionalInterface
    public interface Action {
        String run() throws CertgateException;
    }

    /** A call that says nothing when it succeeds. */
    @FunctionalInterface
    public interface Call {
        void run() throws CertgateException;
    }

    /** What a page shows for a failure: an error message. */
    public record Shown(FacesMessage.Severity severity, String text) {
    }

    private PageActions() {
    }

    /**
     * @param what     what the call does, as in "while {@code what}" ("saving the application")
     * @param refusal  what to tell a user whose role does not allow the call ("only admins and operators change
     *                 applications.")
     * @return whether the call succeeded
     */
    public static boolean run(String what, String refusal, Action action) {
        return attempt(what, () -> "Your role does not allow this: " + refusal, action);
    }

    /**
     * As {@link #run(String, String, Action)}, for a call that names its own success; a role refusal names the
     * user's roles and {@code what}: "Your role (auditor) does not allow deleting the certificate."
     */
    public static boolean run(String what, Call call) {
        // worded when needed: a call that succeeds needs no Faces context (the table models' unit tests)
        Supplier<String> refusal = () -> "Your role (" + roles(FacesContext.getCurrentInstance().getExternalContext())
                + ") does not allow " + what + ".";
        return attempt(what, refusal, () -> {
            call.run();
            return null;
        });
    }

    private static boolean attempt(String what, Supplier<String> refusal, Action action) {
        try {
            String done = action.run();
            if (done != null) {
                FacesContext.getCurrentInstance().addMessage(null,
                        new FacesMessage(FacesMessage.SEVERITY_INFO, done, null));
            }
            return true;
        } catch (CertgateException e) {
            show(shown(e.category(), e.getMessage(), refusal.get()));
        } catch (EJBAccessException e) {
            show(shown(ErrorCategory.REFUSED, e.getMessage(), refusal.get()));
        } catch (EJBException e) {
            if (DatabaseUnavailableException.isCause(e)) { // failed at the commit, after the service's own check
                show(shown(ErrorCategory.UNAVAILABLE, DatabaseUnavailableException.MESSAGE, refusal.get()));
                return false;
            }
            WebLog.pageActionFailed(what, e);
            error("Something went wrong while " + what + ". Nothing was changed; the server log has the details "
                    + "(CERTGATE-9001).");
        }
        return false;
    }

    /**
     * What a page shows for a failure of {@code category}: the one place the pages map categories (the table is in
     * {@link ErrorCategory}).
     *
     * @param message the failure's own message (a {@link CertgateException}'s is written for the user)
     * @param refusal the sentence for a role refusal
     */
    public static Shown shown(ErrorCategory category, String message, String refusal) {
        Objects.requireNonNull(category, "category");
        return switch (category) {
            case INVALID_INPUT, UNACCEPTABLE, NOT_FOUND, CONFLICT, UNAVAILABLE ->
                    new Shown(FacesMessage.SEVERITY_ERROR, message);
            case REFUSED -> new Shown(FacesMessage.SEVERITY_ERROR, refusal + " Nothing was changed.");
            case AUTHENTICATION -> new Shown(FacesMessage.SEVERITY_ERROR, "You are no longer signed in. Sign in "
                    + "again; nothing was changed.");
        };
    }

    private static void show(Shown shown) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(null, new FacesMessage(shown.severity(), shown.text(), null));
        faces.validationFailed();
    }

    /** Shows an error message and marks the request as failed. */
    public static void error(String message) {
        show(new Shown(FacesMessage.SEVERITY_ERROR, message));
    }

    /** Shows an information message. */
    public static void info(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message,
                null));
    }

    /** Shows a warning. */
    public static void warn(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, message,
                null));
    }

    /** Whether the signed-in user's roles let them add, replace and delete certificates (the service decides). */
    public static boolean mayChange() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        return external.isUserInRole(Roles.ADMIN) || external.isUserInRole(Roles.OPERATOR);
    }

    public static boolean isAdmin() {
        return FacesContext.getCurrentInstance().getExternalContext().isUserInRole(Roles.ADMIN);
    }

    public static boolean mayReadAudit() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        return external.isUserInRole(Roles.ADMIN) || external.isUserInRole(Roles.AUDITOR);
    }

    private static String roles(ExternalContext external) {
        return String.join(", ", Roles.ALL.stream().filter(external::isUserInRole).toList());
    }
}
