package dev.certgate.web.rest;

import dev.certgate.api.AlertChannelSpec;
import dev.certgate.api.AlertChannelView;
import dev.certgate.api.AlertCheckResult;
import dev.certgate.api.AlertDeliveryView;
import dev.certgate.api.AlertService;
import dev.certgate.api.AlertView;
import dev.certgate.api.CertgateException;
import dev.certgate.api.InvalidInputException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * {@code /api/v1/alerts}: the alerts raised, the channels they go to (e-mail addresses, webhooks; never a webhook's
 * secret), their delivery logs, a test alert and the check run now, as the REST contract ({@code openapi.yaml})
 * describes them.
 */
@Path("/alerts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    @EJB
    private AlertService alerts;

    @Context
    private UriInfo uri;

    @GET
    public List<AlertView> recent(@QueryParam("days") @DefaultValue("7") String days) throws CertgateException {
        return alerts.recent(number("days", days));
    }

    @POST
    @Path("check")
    public AlertCheckResult check() throws CertgateException {
        return alerts.checkNow();
    }

    @GET
    @Path("channels")
    public List<AlertChannelView> channels() throws CertgateException {
        return alerts.channels();
    }

    @POST
    @Path("channels")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(AlertChannelSpec body) throws CertgateException {
        if (body == null) {
            throw new InvalidInputException("body", "The request has no JSON body.");
        }
        AlertChannelView added = alerts.addChannel(body);
        return Response.created(uri.getBaseUriBuilder().path("alerts").path("channels").path(added.id()).build())
                .entity(added).build();
    }

    @GET
    @Path("channels/{id}")
    public AlertChannelView get(@PathParam("id") String id) throws CertgateException {
        return alerts.channels().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new dev.certgate.api.AlertChannelNotFoundException(id));
    }

    @DELETE
    @Path("channels/{id}")
    public Response delete(@PathParam("id") String id) throws CertgateException {
        alerts.deleteChannel(id);
        return Response.noContent().build();
    }

    @POST
    @Path("channels/{id}/test")
    public AlertDeliveryView test(@PathParam("id") String id) throws CertgateException {
        return alerts.sendTest(id);
    }

    @GET
    @Path("channels/{id}/deliveries")
    public List<AlertDeliveryView> deliveries(@PathParam("id") String id,
                                              @QueryParam("limit") @DefaultValue("50") String limit)
            throws CertgateException {
        return alerts.deliveries(id, number("limit", limit));
    }

    private static int number(String field, String text) throws InvalidInputException {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, field + " must be a whole number, not \"" + text + "\".");
        }
    }
}
