package dev.certgate.web.session;

import dev.certgate.api.Roles;
import dev.certgate.api.SignInAudit;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.util.List;

/**
 * Who is signed in, for the template (name, roles, which menu items to show) and sign-out. Pages only follow the
 * roles; the services enforce them.
 */
@Named
@RequestScoped
public class CurrentUser {

    @EJB
    private SignInAudit log;

    private static HttpServletRequest request() {
        return (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    }

    public String getName() {
        return request().getUserPrincipal() == null ? null : request().getUserPrincipal().getName();
    }

    /** The signed-in user's roles, as "admin, operator". */
    public String getRoles() {
        HttpServletRequest request = request();
        return String.join(", ", Roles.ALL.stream().filter(request::isUserInRole).toList());
    }

    public boolean isAdmin() {
        return request().isUserInRole(Roles.ADMIN);
    }

    public List<String> getRoleList() {
        HttpServletRequest request = request();
        return Roles.ALL.stream().filter(request::isUserInRole).toList();
    }

    /** Minutes of inactivity after which the session ends. */
    public int getSessionMinutes() {
        HttpSession session = request().getSession(false);
        return session == null ? 30 : session.getMaxInactiveInterval() / 60;
    }

    public void signOut() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = request();
        String name = getName();
        if (name != null) {
            log.signedOut(name);
        }
        try {
            request.logout();
        } catch (ServletException e) {
            // the session is invalidated below anyway
        }
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/login.xhtml?signedOut=true");
    }
}
