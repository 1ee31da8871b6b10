package dev.certgate.web;

import dev.certgate.api.CertgateException;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/**
 * Runs a page's call to a service and shows its outcome as a message: the success sentence, what the service
 * refused (its message, in the user's words), a role refusal, or — for a bug — a short sentence while the cause is
 * logged. Never a stack trace. A failed call marks the request as failed ({@code args.validationFailed} in the page)
 * so dialogs stay open.
 */
public final class PageActions {

    /** A call that says what it did, or null to say nothing. */
    @FunctionalInterface
    public interface Action {
        String run() throws CertgateException;
    }

    private PageActions() {
    }

    /**
     * @param what     what the call does, as in "while {@code what}" ("saving the application")
     * @param refusal  what to tell a user whose role does not allow the call ("Only admins and operators change
     *                 applications.")
     * @return whether the call succeeded
     */
    public static boolean run(String what, String refusal, Action action) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            String done = action.run();
            if (done != null) {
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, done, null));
            }
            return true;
        } catch (CertgateException e) {
            error(e.getMessage());
        } catch (EJBAccessException e) {
            error("Your role does not allow this: " + refusal + " Nothing was changed.");
        } catch (EJBException e) {
            WebLog.pageActionFailed(what, e);
            error("Something went wrong while " + what + "; it has been logged. Try again.");
        }
        return false;
    }

    /** Shows an error message and marks the request as failed. */
    public static void error(String message) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
        faces.validationFailed();
    }

    /** Shows an information message. */
    public static void info(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message,
                null));
    }
}
