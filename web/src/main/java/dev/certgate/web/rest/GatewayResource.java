package dev.certgate.web.rest;

import dev.certgate.api.CertgateException;
import dev.certgate.api.GatewayOptions;
import dev.certgate.api.GatewayOptionsService;
import dev.certgate.api.InvalidInputException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/v1/gateway/settings}: the default certificate (null refuses unknown names). */
@Path("/gateway/settings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GatewayResource {

    @EJB
    private GatewayOptionsService options;

    /** The body of PUT. */
    public record SettingsBody(String defaultCertificateId, Long version) {
    }

    @GET
    public GatewayOptions get() throws CertgateException {
        return options.get();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public GatewayOptions put(SettingsBody body) throws CertgateException {
        if (body == null || body.version() == null) {
            throw new InvalidInputException("version", "Give the settings' \"version\" you read, so a change made by "
                    + "someone else in between is not lost.");
        }
        return options.setDefaultCertificate(body.defaultCertificateId(), body.version());
    }
}
