package dev.certgate.web.rest;

import dev.certgate.api.CertgateException;
import dev.certgate.api.ServedCheckService;
import dev.certgate.api.ServedCheckView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/gateway/served-check}: what this node's served-certificate check found in its last round (any
 * role). A monitoring script can ask it; the Dashboard shows the same.
 */
@Path("/gateway/served-check")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ServedCheckResource {

    /**
     * The last round: when it ended (null before the first), how many names it looked at and how long it took (a
     * round is paced at a few handshakes a second), and the names it found a problem with.
     */
    public record Round(Instant lastCheck, int names, long tookMillis, List<ServedCheckView> problems) {
    }

    @EJB
    private ServedCheckService served;

    @GET
    public Round last() throws CertgateException {
        return new Round(served.lastCheck(), served.lastRoundNames(), served.lastRoundMillis(), served.problems());
    }
}
