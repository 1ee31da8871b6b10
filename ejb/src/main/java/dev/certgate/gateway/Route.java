package dev.certgate.gateway;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Where the gateway sends the requests for one domain.
 *
 * @param applicationId   the application's id (routes of one application share its backends' connection pools)
 * @param applicationName for pages and logs
 * @param backends        round-robin targets, never empty
 * @param redirectHttps   whether plain HTTP is redirected to HTTPS
 * @param hsts            whether HTTPS answers carry Strict-Transport-Security
 */
public record Route(String applicationId, String applicationName, List<URI> backends, boolean redirectHttps,
                    boolean hsts) {

    public Route {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(applicationName, "applicationName");
        backends = List.copyOf(backends);
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("a route has a backend");
        }
    }
}
