package dev.certgate.web.session;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A REST call whose HTTP Basic credentials the container could not check. Wrong credentials get Basic's own 401;
 * without credentials {@code ApiChallenge} answers 401 first. What is left reaches the sign-in page only by the form
 * mechanism's forward, when the realm could not answer at all: certgate's realm is its database (the JDBC realm of
 * security.cli), so the call gets 503 "database unavailable", never the sign-in page with 200, which a script would
 * read as a success, and never a 401 that blames the password.
 */
@WebFilter(urlPatterns = "/login.xhtml", dispatcherTypes = DispatcherType.FORWARD)
public class ApiSignInUnavailable extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** Seconds the client is told to wait (as every 503 of the REST API). */
    static final int RETRY_AFTER_SECONDS = 10;

    /** What such a call is told (no character that JSON would need escaped). */
    static final String DETAIL = "Your credentials could not be checked: the database does not answer. Nothing was "
            + "read or changed; certgate's gateway goes on serving. Try again when the database is back.";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Object original = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
        if (original instanceof String uri && uri.startsWith(request.getContextPath() + "/api/")) {
            byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\""
                    + DETAIL + "\"}").getBytes(StandardCharsets.UTF_8);
            response.resetBuffer();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/problem+json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        chain.doFilter(request, response);
    }
}
