package dev.certgate.web.users;

import dev.certgate.api.CertgateException;
import dev.certgate.api.UserService;
import dev.certgate.web.WebLog;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

/** The change-password page, for every signed-in user. Passwords are never sent back to the browser. */
@Named
@RequestScoped
public class ChangePassword {

    @EJB
    private UserService users;

    @EJB
    private dev.certgate.api.UserAccess access;

    private String current;
    private String chosen;
    private String repeated;

    public void change() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (chosen == null || !chosen.equals(repeated)) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "The new password and its repetition differ. Type them again.", null));
            return;
        }
        try {
            users.changeOwnPassword(current, chosen);
            // the user's other sessions end (their stamp is stale now); this one goes on with the new stamp
            dev.certgate.web.session.SessionAccessFilter.remember((jakarta.servlet.http.HttpServletRequest)
                    FacesContext.getCurrentInstance().getExternalContext().getRequest(), access);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                    "Your password is changed. Use it from your next sign-in.", null));
        } catch (CertgateException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        } catch (EJBException e) {
            WebLog.pageActionFailed("changing a password", e);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "Something went wrong while changing your password; it has been logged. Try again.", null));
        }
    }

    public String getCurrent() { return null; }
    public void setCurrent(String current) { this.current = current; }
    public String getChosen() { return null; }
    public void setChosen(String chosen) { this.chosen = chosen; }
    public String getRepeated() { return null; }
    public void setRepeated(String repeated) { this.repeated = repeated; }
}
