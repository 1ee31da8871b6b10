package dev.certgate.web.certificates;

import dev.certgate.api.CertgateException;
import dev.certgate.api.CertificateService;
import dev.certgate.api.CertificateView;
import dev.certgate.api.PemImportRequest;
import dev.certgate.web.WebLog;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;

/**
 * Backs the "Add a certificate" form: hands the pasted PEM text to the certificate service and shows its verdict.
 * The private key text is dropped from the view state as soon as it has been submitted, whatever the outcome.
 */
@Named
@ViewScoped
public class ImportCertificate implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private CertificateService certificates;

    @Inject
    private CertificateList list;

    private String chainPem;
    private transient String privateKeyPem;
    private transient String passphrase;
    private String description;

    public void save() {
        FacesContext faces = FacesContext.getCurrentInstance();
        String key = privateKeyPem;
        char[] secret = passphrase == null || passphrase.isEmpty() ? null : passphrase.toCharArray();
        privateKeyPem = null;
        passphrase = null;
        try {
            CertificateView stored = certificates.importPem(new PemImportRequest(chainPem, key, secret, description));
            chainPem = null;
            description = null;
            list.reload();
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                    "Stored the certificate for " + stored.commonName() + ". The gateway serves it now.", null));
            for (String warning : stored.warnings()) {
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, warning, null));
            }
        } catch (CertgateException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        } catch (EJBException e) {
            WebLog.pageActionFailed("importing a certificate", e);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "The certificate could not be stored because of an internal error. Nothing was saved; "
                            + "the server log has the details (CERTGATE-9001).", null));
        }
    }

    public String getChainPem() {
        return chainPem;
    }

    public void setChainPem(String chainPem) {
        this.chainPem = chainPem;
    }

    /** Always empty: a passphrase is never shown back. */
    public String getPassphrase() {
        return null;
    }

    public void setPassphrase(String passphrase) {
        this.passphrase = passphrase;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    /** Always empty: a private key is never shown back. */
    public String getPrivateKeyPem() {
        return null;
    }

    public void setPrivateKeyPem(String privateKeyPem) {
        this.privateKeyPem = privateKeyPem;
    }
}
