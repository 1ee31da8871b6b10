package dev.certgate.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, {@code /api/v1}; its contract is `openapi.yaml` beside this class. */
@ApplicationPath("/api/v1")
public class RestApplication extends Application {
}
