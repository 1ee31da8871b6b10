package dev.certgate.web.rest;

import dev.certgate.api.AcmeAccountRequest;
import dev.certgate.api.AcmeAccountView;
import dev.certgate.api.AcmeDirectoryInfo;
import dev.certgate.api.AcmeDomainView;
import dev.certgate.api.AcmeService;
import dev.certgate.api.CertgateException;
import dev.certgate.api.HostName;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.PreflightReport;
import dev.certgate.api.PreflightService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** {@code /api/v1/acme}, as the REST contract (`openapi.yaml`) describes it. */
@Path("/acme")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AcmeResource {

    @EJB
    private AcmeService acme;

    @EJB
    private PreflightService preflight;

    @GET
    @Path("account")
    public AcmeAccountView account() throws CertgateException {
        return acme.account();
    }

    @PUT
    @Path("account")
    @Consumes(MediaType.APPLICATION_JSON)
    public AcmeAccountView saveAccount(AcmeAccountRequest body) throws CertgateException {
        if (body == null) {
            throw new InvalidInputException("body", "The request has no JSON body.");
        }
        return acme.saveAccount(body);
    }

    /** A new account key at the CA (key rollover). Not in the contract's first list; added beside it. */
    @POST
    @Path("account/key-rollover")
    public AcmeAccountView rolloverAccountKey() throws CertgateException {
        return acme.rolloverAccountKey();
    }

    /** Deactivates the account at the CA; the account is then shown with status DEACTIVATED. */
    @DELETE
    @Path("account")
    public AcmeAccountView deactivateAccount() throws CertgateException {
        return acme.deactivateAccount();
    }

    /** The certificate profiles the account's CA offers now, with its descriptions (empty without an account). */
    @GET
    @Path("profiles")
    public List<AcmeDirectoryInfo.Profile> profiles() throws CertgateException {
        return acme.profiles();
    }

    @GET
    @Path("domains")
    public List<AcmeDomainView> domains() throws CertgateException {
        return acme.domains();
    }

    /** Orders a new certificate now, in the background: 202 with the domain's state. */
    @POST
    @Path("domains/{name}/renew")
    public Response renew(@PathParam("name") String name) throws CertgateException {
        return Response.accepted(acme.renew(HostName.parse(name, "domain", "domain"))).build();
    }

    /**
     * The pre-flight check of an ACME domain: what its challenge will need, tried now; 200 with the report, whether
     * or not it passed (nothing is ordered, nothing is stored).
     */
    @POST
    @Path("domains/{name}/preflight")
    public PreflightReport preflight(@PathParam("name") String name) throws CertgateException {
        return preflight.check(HostName.parse(name, "domain", "domain"));
    }
}
