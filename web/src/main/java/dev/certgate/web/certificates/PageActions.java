package dev.certgate.web.certificates;

import dev.certgate.api.CertgateException;
import dev.certgate.api.Roles;
import dev.certgate.web.WebLog;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;

/**
 * How the certificate pages call the service and show its verdict: a {@link CertgateException} is shown as it is
 * worded, a refused role in one sentence, anything else as a logged internal error. Never a stack trace.
 */
final class PageActions {

    /** A service call that may fail the expected way. */
    interface Call {
        void run() throws CertgateException;
    }

    private PageActions() {
    }

    /**
     * Runs {@code call}; on failure adds an error message and marks the request failed (so a dialog stays open).
     *
     * @return whether it succeeded
     */
    static boolean run(String what, Call call) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            call.run();
            return true;
        } catch (CertgateException e) {
            error(e.getMessage());
        } catch (EJBAccessException e) {
            error("Your role (" + roles(faces.getExternalContext()) + ") does not allow " + what
                    + ". Nothing was changed.");
        } catch (EJBException e) {
            WebLog.pageActionFailed(what, e);
            error("Something went wrong while " + what + ". Nothing was changed; the server log has the details "
                    + "(CERTGATE-9001).");
        }
        faces.validationFailed();
        return false;
    }

    static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    static void warn(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, text, null));
    }

    static void error(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    /** Whether the signed-in user's roles let them add, replace and delete certificates (the service decides). */
    static boolean mayChange() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        return external.isUserInRole(Roles.ADMIN) || external.isUserInRole(Roles.OPERATOR);
    }

    static boolean isAdmin() {
        return FacesContext.getCurrentInstance().getExternalContext().isUserInRole(Roles.ADMIN);
    }

    static boolean mayReadAudit() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        return external.isUserInRole(Roles.ADMIN) || external.isUserInRole(Roles.AUDITOR);
    }

    private static String roles(ExternalContext external) {
        return String.join(", ", Roles.ALL.stream().filter(external::isUserInRole).toList());
    }
}
