package dev.certgate.web.rest;

import dev.certgate.api.BulkImportLine;
import dev.certgate.api.BulkImportRequest;
import dev.certgate.api.BulkImportResult;
import dev.certgate.api.BulkImportStatus;
import dev.certgate.api.CertgateException;
import dev.certgate.api.ImportFile;
import dev.certgate.api.CertificatePage;
import dev.certgate.api.CertificateQuery;
import dev.certgate.api.CertificateService;
import dev.certgate.api.CertificateSource;
import dev.certgate.api.CertificateView;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.IssueRequest;
import dev.certgate.api.KeyType;
import dev.certgate.api.PemImportRequest;
import dev.certgate.api.Pkcs12ImportRequest;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code /api/v1/certificates}, as the REST contract (`openapi.yaml`) describes it. Authentication and roles come with the admin UI
 * issue; until then the API is as open as the pages (WildFly binds to 127.0.0.1 by default).
 */
@Path("/certificates")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CertificatesResource {

    @EJB
    private CertificateService certificates;

    @EJB
    private dev.certgate.api.AcmeService acme;

    @Context
    private UriInfo uri;

    /** The body of {@code POST /certificates} and {@code PUT /certificates/{id}}. */
    public record PemBody(String certificate, String privateKey, String passphrase, String description, Long version,
                          String pkcs12, String password) {
        PemImportRequest toRequest() {
            return new PemImportRequest(certificate, privateKey, chars(passphrase), description);
        }
    }

    /** The body of {@code POST /certificates/pkcs12}. */
    public record Pkcs12Body(String pkcs12, String password, String description) {
    }

    /** The body of {@code POST /certificates/self-signed} and {@code /local-ca}. */
    public record IssueBody(String commonName, List<String> subjectAltNames, KeyType keyType, Integer validityDays,
                            String description) {
        IssueRequest toRequest() {
            return new IssueRequest(commonName, subjectAltNames, keyType, validityDays, description);
        }
    }

    @GET
    public CertificatePage list(@QueryParam("q") String text,
                                @QueryParam("expiringWithinDays") Integer expiringWithinDays,
                                @QueryParam("source") String source,
                                @QueryParam("page") @DefaultValue("0") int page,
                                @QueryParam("size") @DefaultValue("50") int size,
                                @QueryParam("sort") String sort) throws CertgateException {
        return certificates.list(new CertificateQuery(text, expiringWithinDays, CertificateSource.parse(source), page,
                size, sort));
    }

    @GET
    @Path("{id}")
    public CertificateView get(@PathParam("id") String id) throws CertgateException {
        return certificates.get(id);
    }

    @GET
    @Path("{id}/chain.pem")
    @Produces("application/x-pem-file")
    public String chainPem(@PathParam("id") String id) throws CertgateException {
        return certificates.chainPem(id);
    }

    @GET
    @Path("{id}/certificate.der")
    @Produces("application/pkix-cert")
    public byte[] certificateDer(@PathParam("id") String id) throws CertgateException {
        return certificates.certificateDer(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importPem(PemBody body) throws CertgateException {
        return created(certificates.importPem(required(body).toRequest()));
    }

    @POST
    @Path("pkcs12")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importPkcs12(Pkcs12Body body) throws CertgateException {
        Pkcs12Body given = required(body);
        return created(certificates.importPkcs12(new Pkcs12ImportRequest(base64(given.pkcs12()),
                chars(given.password()), given.description())));
    }

    /** The body of {@code POST /certificates/bulk}. */
    public record BulkBody(List<BulkFile> files, String passphrase, Boolean importExpired, Boolean dryRun,
                           String description) {
    }

    /** One file of a {@link BulkBody}: its name and its bytes as base64. */
    public record BulkFile(String name, String content) {
    }

    /** The answer of {@code POST /certificates/bulk}: the lines, and how many of each status. */
    public record BulkAnswer(boolean dryRun, long imported, long duplicates, long expired, long refused,
                             List<BulkImportLine> lines) {
        static BulkAnswer of(BulkImportResult result) {
            return new BulkAnswer(result.dryRun(), result.count(BulkImportStatus.IMPORTED),
                    result.count(BulkImportStatus.DUPLICATE), result.count(BulkImportStatus.EXPIRED),
                    result.count(BulkImportStatus.REFUSED), result.lines());
        }
    }

    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    public BulkAnswer importBulk(BulkBody body) throws CertgateException {
        BulkBody given = required(body);
        if (given.files() == null || given.files().isEmpty()) {
            throw new InvalidInputException("files", "No files were given. Send \"files\": [{\"name\", "
                    + "\"content\": base64}, ...].");
        }
        List<ImportFile> files = new ArrayList<>();
        for (BulkFile file : given.files()) {
            if (file == null || file.name() == null || file.name().isBlank()) {
                throw new InvalidInputException("files", "Every file needs its name.");
            }
            byte[] content;
            try {
                // strict base64 (line breaks allowed): the MIME decoder would skip any other character silently
                content = file.content() == null ? new byte[0]
                        : Base64.getDecoder().decode(file.content().replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("files", "The content of " + file.name() + " is not base64. Send "
                        + "each file's bytes base64-encoded.", e);
            }
            files.add(ImportFile.of(file.name(), content));
        }
        return BulkAnswer.of(certificates.importBulk(new BulkImportRequest(files, chars(given.passphrase()),
                Boolean.TRUE.equals(given.importExpired()), Boolean.TRUE.equals(given.dryRun()),
                given.description())));
    }

    @POST
    @Path("self-signed")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response selfSign(IssueBody body) throws CertgateException {
        return created(certificates.selfSign(required(body).toRequest()));
    }

    @POST
    @Path("local-ca")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issueFromLocalCa(IssueBody body) throws CertgateException {
        return created(certificates.issueFromLocalCa(required(body).toRequest()));
    }

    /** The body of {@code POST /certificates/{id}/pkcs12}. */
    public record ExportBody(String password) {
    }

    @POST
    @Path("{id}/pkcs12")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces("application/x-pkcs12")
    public Response exportPkcs12(@PathParam("id") String id, ExportBody body) throws CertgateException {
        byte[] file = certificates.exportPkcs12(id, chars(required(body).password()));
        return Response.ok(file)
                .header("Content-Disposition", "attachment; filename=\"" + id + ".p12\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    /** The body of {@code POST /certificates/{id}/revoke}. */
    public record RevokeBody(String reason) {
    }

    /** Revokes an ACME certificate at its CA; the domains still using ACME get a new one. */
    @POST
    @Path("{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response revoke(@PathParam("id") String id, RevokeBody body) throws CertgateException {
        acme.revoke(id, body == null ? null : body.reason());
        return Response.noContent().build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CertificateView replace(@PathParam("id") String id, PemBody body) throws CertgateException {
        PemBody given = required(body);
        if (given.version() == null) {
            throw new InvalidInputException("version", "Give the version you read (the certificate's \"version\"), "
                    + "so a change made by someone else in between is not lost.");
        }
        if (given.pkcs12() != null) {
            return certificates.replacePkcs12(id, given.version(), new Pkcs12ImportRequest(base64(given.pkcs12()),
                    chars(given.password()), given.description()));
        }
        return certificates.replacePem(id, given.version(), given.toRequest());
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) throws CertgateException {
        certificates.delete(id);
        return Response.noContent().build();
    }

    private Response created(CertificateView stored) {
        return Response.created(uri.getBaseUriBuilder().path("certificates").path(stored.id()).build())
                .entity(stored).build();
    }

    private static <T> T required(T body) throws InvalidInputException {
        if (body == null) {
            throw new InvalidInputException("body", "The request has no JSON body.");
        }
        return body;
    }

    private static char[] chars(String secret) {
        return secret == null ? null : secret.toCharArray();
    }

    private static byte[] base64(String text) throws InvalidInputException {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("pkcs12", "The PKCS#12 file is empty. Send its bytes as base64.");
        }
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("pkcs12", "The PKCS#12 field is not base64. Send the file's bytes "
                    + "base64-encoded.", e);
        }
    }
}
