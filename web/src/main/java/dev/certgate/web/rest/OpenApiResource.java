package dev.certgate.web.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code /api/v1/openapi.yaml}: the API's OpenAPI 3.0 document. Hand-written next to this class (WildFly's default
 * standalone.xml has no MicroProfile OpenAPI) and checked against the running server by RestContractIT.
 */
@Path("/openapi.yaml")
@ApplicationScoped
public class OpenApiResource {

    private final String document = load();

    @GET
    @Produces("application/yaml")
    public String document() {
        return document;
    }

    private static String load() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream("openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the web module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
