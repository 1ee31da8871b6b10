package dev.certgate.web.certificates;

import dev.certgate.api.CertificateService;
import dev.certgate.api.CertificateView;
import dev.certgate.api.IssueRequest;
import dev.certgate.api.KeyType;
import dev.certgate.web.PageActions;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Backs the "Add a certificate" tabs of certificates.xhtml: paste PEM, upload files (PEM, DER, PKCS#12), self-sign
 * or issue from the local CA. Hands what was given to the certificate service and shows its verdict; the service
 * checks the input and the role.
 */
@Named
@ViewScoped
public class ImportCertificate implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The key types certgate makes, the default first. */

    @EJB
    private CertificateService certificates;

    private final CertificateMaterial material = new CertificateMaterial();

    // self-sign and local CA
    private String commonName;
    private String subjectAltNames;
    private KeyType keyType = KeyType.DEFAULT;
    private Integer validityDays = 365;
    private String issueDescription;

    /** Adds the pasted or uploaded certificate. */
    public void save() {
        PageActions.run("adding a certificate", () -> stored(material.submit(certificates, null, 0)));
    }

    /** Adds the uploaded files; without any, says what to choose (never falls back to text pasted earlier). */
    public void upload() {
        if (!material.hasFiles()) {
            PageActions.error("Choose a certificate file (PEM or DER) with its key file, or a PKCS#12 file "
                    + "(.p12, .pfx), then upload.");
            FacesContext.getCurrentInstance().validationFailed();
            return;
        }
        save();
    }

    public void selfSign() {
        PageActions.run("making a self-signed certificate", () -> {
            stored(certificates.selfSign(issueRequest()));
            clearIssueForm();
        });
    }

    public void issueFromLocalCa() {
        PageActions.run("issuing a certificate from the local CA", () -> {
            stored(certificates.issueFromLocalCa(issueRequest()));
            clearIssueForm();
        });
    }

    private IssueRequest issueRequest() {
        List<String> sans = subjectAltNames == null ? List.of()
                : Arrays.stream(subjectAltNames.split("[\\s,;]+")).filter(s -> !s.isBlank()).toList();
        return new IssueRequest(commonName == null ? null : commonName.strip(), sans, keyType, validityDays,
                issueDescription);
    }

    private void clearIssueForm() {
        commonName = null;
        subjectAltNames = null;
        issueDescription = null;
    }

    private static void stored(CertificateView stored) {
        PageActions.info("Stored the certificate for " + stored.commonName() + ". The gateway serves it now.");
        for (String warning : stored.warnings()) {
            PageActions.warn(warning);
        }
    }

    public CertificateMaterial getMaterial() {
        return material;
    }

    public List<KeyType> getKeyTypes() {
        return List.of(KeyType.values());
    }

    public String getCommonName() { return commonName; }
    public void setCommonName(String commonName) { this.commonName = commonName; }
    public String getSubjectAltNames() { return subjectAltNames; }
    public void setSubjectAltNames(String subjectAltNames) { this.subjectAltNames = subjectAltNames; }
    public KeyType getKeyType() { return keyType; }
    public void setKeyType(KeyType keyType) { this.keyType = keyType; }
    public Integer getValidityDays() { return validityDays; }
    public void setValidityDays(Integer validityDays) { this.validityDays = validityDays; }
    public String getIssueDescription() { return issueDescription; }
    public void setIssueDescription(String issueDescription) { this.issueDescription = issueDescription; }
}
