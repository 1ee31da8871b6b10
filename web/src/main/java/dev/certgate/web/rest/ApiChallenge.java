package dev.certgate.web.rest;

import io.undertow.server.HttpHandler;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.Headers;
import jakarta.servlet.ServletContext;

/**
 * Answers a REST call without credentials with 401 and a Basic challenge, as API clients expect, instead of the
 * sign-in page that browsers get (web.xml's mechanisms are "BASIC?silent=true,FORM": Basic only when credentials are
 * sent). Runs before the container's security, on {@code /api/} only; wrong credentials are still judged by Elytron.
 */
public class ApiChallenge implements ServletExtension {

    private static final String BODY = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
            + "\"detail\":\"Sign in: send the HTTP Basic credentials of a certgate user.\"}";

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext servletContext) {
        deployment.addInitialHandlerChainWrapper(next -> challengeApiCallsWithoutCredentials(next));
    }

    private static HttpHandler challengeApiCallsWithoutCredentials(HttpHandler next) {
        return exchange -> {
            if (exchange.getRelativePath().startsWith("/api/")
                    && !exchange.getRequestHeaders().contains(Headers.AUTHORIZATION)) {
                exchange.setStatusCode(401);
                exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Basic realm=\"certgate\"");
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, Problem.MEDIA_TYPE);
                exchange.getResponseSender().send(BODY);
                return;
            }
            next.handleRequest(exchange);
        };
    }
}
