package dev.certgate.web.rest;

import io.undertow.server.HttpHandler;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.Headers;
import jakarta.servlet.ServletContext;

/**
 * Answers a REST call without credentials with 401 and a Basic challenge, as API clients expect, instead of the
 * sign-in page that browsers get (web.xml's mechanisms are "BASIC?silent=true,FORM": Basic only when credentials are
 * sent). Runs before the container's security, on {@code /api/} only; an Authorization header of another scheme
 * (Bearer) counts as none. Wrong credentials are still judged by Elytron; credentials it could not judge (the
 * database away) are {@code ApiSignInUnavailable}'s.
 */
public class ApiChallenge implements ServletExtension {

    /** The one call that needs no sign-in (web.xml leaves it open). */
    static final String OPEN = "/api/v1" + StatusResource.PATH;

    private static final String BODY = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
            + "\"detail\":\"Sign in: send the HTTP Basic credentials of a certgate user.\"}";

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext servletContext) {
        deployment.addInitialHandlerChainWrapper(next -> challengeApiCallsWithoutCredentials(next));
    }

    private static HttpHandler challengeApiCallsWithoutCredentials(HttpHandler next) {
        return exchange -> {
            if (exchange.getRelativePath().startsWith("/api/") && !exchange.getRelativePath().equals(OPEN)
                    && !basic(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION))) {
                exchange.setStatusCode(401);
                exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Basic realm=\"certgate\"");
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, Problem.MEDIA_TYPE);
                exchange.getResponseSender().send(BODY);
                return;
            }
            next.handleRequest(exchange);
        };
    }

    /** Whether an Authorization header carries Basic credentials (another scheme is no credentials to certgate). */
    static boolean basic(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }
}
