package dev.certgate.web.session;

import dev.certgate.api.SignInAudit;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.util.Optional;

/**
 * The sign-in page (login.xhtml): checks the throttle, then asks Elytron (CertgateDomain, the JDBC realm) through
 * {@code HttpServletRequest.login}, which keeps the identity in the session; every outcome is audited.
 */
@Named
@RequestScoped
public class SignIn {

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
            throttle.failed(user, address);
            log.refused(user);
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
}
