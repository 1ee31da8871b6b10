package dev.certgate.web.certificates;

import dev.certgate.api.AuditEntry;
import dev.certgate.api.AuditQuery;
import dev.certgate.api.AuditService;
import dev.certgate.api.ServedCheckService;
import dev.certgate.api.ServedCheckView;
import dev.certgate.api.CertificateService;
import dev.certgate.api.CertificateView;
import dev.certgate.web.Dates;
import dev.certgate.web.PageActions;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Backs certificate.xhtml, one certificate: its details, chain, fingerprints, domains and audit history; download
 * of the chain, PKCS#12 export (admins), replacing its material and deleting it. The services check every role.
 */
@Named
@ViewScoped
public class CertificateDetail implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The audit lines shown, newest first. */
    private static final int HISTORY_LINES = 50;

    @EJB
    private CertificateService certificates;

    @EJB
    private AuditService audit;

    @EJB
    private ServedCheckService served;

    private String id;
    private CertificateView certificate;
    private List<ChainEntry> chain = List.of();
    private String chainPem;
    private String sha1;
    private List<AuditEntry> history = List.of();
    private List<ServedCheckView> servedProblems = List.of();
    private boolean historyShown;

    private final CertificateMaterial material = new CertificateMaterial();
    private transient String exportPassword;
    private transient String exportRepeated;
    private transient StreamedContent download;

    /** One certificate of the chain, as the page lists it. */
    public record ChainEntry(int position, String subject, String issuer, Instant notAfter, String sha256)
            implements Serializable {
    }

    /** Reads the certificate named by the request's {@code id} parameter, once per view. */
    @PostConstruct
    void open() {
        id = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("id");
        load();
    }

    private void load() {
        if (id == null || id.isBlank()) {
            PageActions.error("No certificate was named. Choose one in the certificate list.");
            return;
        }
        PageActions.run("reading the certificate", () -> {
            certificate = certificates.get(id);
            chainPem = certificates.chainPem(id);
            readChain();
        });
        if (certificate != null) {
            PageActions.run("reading the served-certificate check", () -> servedProblems = served.problems().stream()
                    .filter(p -> id.equals(p.certificateId())).toList());
        }
        if (certificate != null && PageActions.mayReadAudit()) {
            PageActions.run("reading the audit log",
                    () -> history = audit.entries(AuditQuery.forTarget(id, HISTORY_LINES)));
            historyShown = true;
        }
    }

    /** This node's served-certificate check's problems with this certificate's names. */
    public List<ServedCheckView> getServedProblems() {
        return servedProblems;
    }

    private void readChain() {
        try {
            List<X509Certificate> parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(chainPem.getBytes(StandardCharsets.US_ASCII)))
                    .stream().map(X509Certificate.class::cast).toList();
            chain = new java.util.ArrayList<>();
            for (int i = 0; i < parsed.size(); i++) {
                X509Certificate c = parsed.get(i);
                chain.add(new ChainEntry(i, c.getSubjectX500Principal().getName(),
                        c.getIssuerX500Principal().getName(), c.getNotAfter().toInstant(),
                        fingerprint("SHA-256", c.getEncoded())));
            }
            sha1 = parsed.isEmpty() ? "" : fingerprint("SHA-1", parsed.get(0).getEncoded());
        } catch (CertificateException e) {
            // a stored chain was checked when it was stored; say so rather than fail the page
            PageActions.error("The stored chain could not be read again: " + e.getMessage());
        }
    }

    private static String fingerprint(String algorithm, byte[] der) throws CertificateEncodingException {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is a required JDK algorithm", e);
        }
    }

    /** Replaces the certificate's material with what was pasted or uploaded; its id and domains stay. */
    public void replace() {
        if (certificate == null) {
            return;
        }
        PageActions.run("replacing the certificate", () -> {
            CertificateView replaced = material.submit(certificates, certificate.id(), certificate.version());
            PageActions.info("Replaced the certificate for " + replaced.commonName() + ". Every domain using it "
                    + "is served the new one now.");
            for (String warning : replaced.warnings()) {
                PageActions.warn(warning);
            }
            load();
        });
    }

    /** Deletes the certificate and goes back to the list; or says which domains use it. */
    public String delete() {
        if (certificate == null) {
            return null;
        }
        String name = certificate.commonName();
        boolean deleted = PageActions.run("deleting the certificate", () -> certificates.delete(certificate.id()));
        if (!deleted) {
            return null;
        }
        PageActions.info("Deleted the certificate for " + name + ".");
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
        return "/certificates?faces-redirect=true";
    }

    /** Action listener of "Download chain" (which then streams {@link #getDownload()}). */
    public void prepareChain() {
        download = null;
        if (chainPem != null) {
            byte[] pem = chainPem.getBytes(StandardCharsets.US_ASCII);
            download = content(fileName() + ".chain.pem", "application/x-pem-file", pem);
        }
    }

    /** Action listener of "Export PKCS#12": asks the service (admins only) for the file under the password given. */
    public void prepareExport() {
        download = null;
        String password = exportPassword;
        String repeated = exportRepeated;
        exportPassword = null;
        exportRepeated = null;
        if (certificate == null) {
            return;
        }
        if (password == null || !password.equals(repeated)) {
            PageActions.error("The two passwords differ. Type the same password twice.");
            FacesContext.getCurrentInstance().validationFailed();
            return;
        }
        PageActions.run("exporting the certificate with its key", () -> {
            byte[] file = certificates.exportPkcs12(certificate.id(), password.toCharArray());
            download = content(fileName() + ".p12", "application/x-pkcs12", file);
        });
    }

    private String fileName() {
        return certificate.commonName().replace("*", "wildcard").replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static StreamedContent content(String name, String type, byte[] bytes) {
        return DefaultStreamedContent.builder().name(name).contentType(type).contentLength((long) bytes.length)
                .stream(() -> new ByteArrayInputStream(bytes)).build();
    }

    public String getState() {
        return certificate == null ? ""
                : Dates.stateStyle(certificate.notBefore(), certificate.notAfter(), Instant.now());
    }

    public String getStateText() {
        return certificate == null ? ""
                : Dates.stateText(certificate.notBefore(), certificate.notAfter(), Instant.now());
    }

    public String getNames() {
        return certificate == null ? "" : String.join(", ", certificate.subjectAltNames());
    }

    /** The SHA-256 fingerprint as openssl prints it (AB:CD:…). */
    public String getSha256() {
        return certificate == null ? "" : HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(HexFormat.of().parseHex(certificate.fingerprintSha256()));
    }

    public String getUsedBy() {
        return certificate == null || certificate.usedBy().isEmpty() ? "No domain uses it."
                : String.join(", ", certificate.usedBy());
    }

    /** Where the CA publishes the revocation lists that would list this certificate, or why there is none. */
    public String getCrlDistributionPoints() {
        return certificate == null || certificate.crlDistributionPoints().isEmpty()
                ? "None named: clients learn of a revocation only through OCSP, if the certificate names a responder."
                : String.join(", ", certificate.crlDistributionPoints());
    }

    /** The OCSP responders the certificate names, and what the gateway does with them. */
    public String getOcsp() {
        return certificate == null || certificate.ocspResponders().isEmpty()
                ? "None named (as with Let's Encrypt since 2025): the gateway staples no OCSP response and asks no "
                + "responder."
                : String.join(", ", certificate.ocspResponders()) + " — the gateway staples its answer for clients "
                + "that ask (status_request), cached for up to an hour.";
    }

    public String getWarnings() {
        return certificate == null || certificate.warnings().isEmpty() ? "None."
                : String.join(" ", certificate.warnings());
    }

    public boolean isMayChange() {
        return PageActions.mayChange();
    }

    public boolean isAdmin() {
        return PageActions.isAdmin();
    }

    public String getId() { return id; }
    public CertificateView getCertificate() { return certificate; }
    public List<ChainEntry> getChain() { return chain; }
    public String getChainPem() { return chainPem; }
    public String getSha1() { return sha1; }
    public List<AuditEntry> getHistory() { return history; }
    public boolean isHistoryShown() { return historyShown; }
    public CertificateMaterial getMaterial() { return material; }
    public StreamedContent getDownload() { return download; }
    public String getExportPassword() { return null; }
    public void setExportPassword(String exportPassword) { this.exportPassword = exportPassword; }
    public String getExportRepeated() { return null; }
    public void setExportRepeated(String exportRepeated) { this.exportRepeated = exportRepeated; }
}
