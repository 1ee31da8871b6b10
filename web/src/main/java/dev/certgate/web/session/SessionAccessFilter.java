package dev.certgate.web.session;

import dev.certgate.api.UserAccess;
import jakarta.ejb.EJB;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Ends a signed-in session as soon as its user's access changes — disabled, deleted, other roles, a new password
 * ({@link UserAccess}): the session keeps the identity it signed in with (its roles included), so without this it
 * would go on working with the old roles, or after the user was disabled. The session's stamp is taken at sign-in
 * and compared on every request; a stale session is invalidated and the request answered with the sign-in page
 * (a Faces AJAX request with a partial-response redirect to it, a REST call with 401), never served.
 */
@WebFilter(urlPatterns = "/*")
public class SessionAccessFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String STAMP = "dev.certgate.web.access-stamp";
    static final String ENDED_PAGE = "/login.xhtml?accessChanged=true";

    @EJB
    private UserAccess access;

    /** Takes the session's stamp now (at sign-in, or after the user changed their own password in it). */
    public static void remember(HttpServletRequest request, UserAccess access) {
        HttpSession session = request.getSession(false);
        String user = request.getRemoteUser();
        if (session != null && user != null) {
            session.setAttribute(STAMP, stamp(user, access));
        }
    }

    private static String stamp(String user, UserAccess access) {
        return user + "@" + access.stamp(user);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        String user = request.getRemoteUser();
        if (session != null && user != null) {
            String now = stamp(user, access);
            Object seen = session.getAttribute(STAMP);
            if (seen == null) {
                session.setAttribute(STAMP, now); // signed in another way (j_security_check, Basic with a cookie)
            } else if (!now.equals(seen)) {
                end(request, response, session);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static void end(HttpServletRequest request, HttpServletResponse response, HttpSession session)
            throws IOException {
        try {
            request.logout();
        } catch (ServletException e) {
            // invalidated below anyway
        }
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyInvalid) {
            // ended meanwhile
        }
        String signIn = request.getContextPath() + ENDED_PAGE;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader("Cache-Control", "no-store");
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            response.setContentType("text/xml;charset=UTF-8");
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + signIn.replace("&", "&amp;") + "\"/></partial-response>");
        } else if (path.startsWith("/api/")) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/problem+json");
            response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Session ended\",\"status\":401,"
                    + "\"detail\":\"The session ended because the account changed (password, roles or disabled). "
                    + "Sign in again.\"}").getBytes(StandardCharsets.UTF_8));
        } else {
            response.sendRedirect(signIn);
        }
    }
}
