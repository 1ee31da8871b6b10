package dev.certgate.web.session;

import dev.certgate.api.DatabaseUnavailableException;
import dev.certgate.api.SignInAudit;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * The sign-in page (login.xhtml): checks the throttle, then asks Elytron (CertgateDomain, the JDBC realm) through
 * {@code HttpServletRequest.login}, which keeps the identity in the session; every outcome is audited.
 */
@Named
@RequestScoped
public class SignIn {

    /** What a sign-in that could not be checked tells the user. */
    static final String DATABASE_AWAY = "The database does not answer, so your password cannot be checked now. "
            + "Nothing was changed; certgate's gateway goes on serving. Try again when the database is back.";

    @Inject
    private SignInThrottle throttle;

    @EJB
    private dev.certgate.api.UserAccess access;

    @EJB
    private SignInAudit log;

    private String name;
    private String password;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPassword() {
        return null; // never sent back to the browser
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public void signIn() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        String user = name == null ? "" : name.trim();
        String address = request.getRemoteAddr();
        Optional<String> refusal = throttle.refusal(user, address);
        if (refusal.isPresent()) {
            log.throttled(user, refusal.get());
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refusal.get(), null));
            return;
        }
        try {
            if (request.getUserPrincipal() != null) {
                request.logout();
            }
            request.login(user, password == null ? "" : password);
        } catch (ServletException e) {
            if (databaseAway(e, user)) { // not the user's fault: no throttle, and the message says so
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, DATABASE_AWAY, null));
                ((HttpServletResponse) external.getResponse()).setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                return;
            }
            throttle.failed(user, address);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "The user name or password is wrong. Try again.", null));
            return;
        }
        throttle.succeeded(user);
        request.changeSessionId(); // no session fixation
        SessionAccessFilter.remember(request, access); // ends when the account changes
        log.signedIn(user);
        external.redirect(external.getRequestContextPath() + "/dashboard.xhtml"); // the landing page (issue 15)
    }

    /**
     * Whether a refused sign-in was the database's failure rather than the password's, recording a real refusal in
     * the audit log: the realm could not answer, or the audit log (the same database) cannot be written either.
     */
    private boolean databaseAway(ServletException refusal, String user) {
        if (DatabaseUnavailableException.isCause(refusal)) {
            return true;
        }
        try {
            log.refused(user);
            return false;
        } catch (EJBException auditFailed) {
            if (DatabaseUnavailableException.isCause(auditFailed)) {
                return true;
            }
            throw auditFailed;
        }
    }
}
