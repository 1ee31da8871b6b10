package dev.certgate.web.certificates;

import dev.certgate.api.CertificateService;
import dev.certgate.api.CertificateSource;
import dev.certgate.api.CertificateView;
import dev.certgate.web.Dates;
import dev.certgate.web.PageActions;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Backs the certificate table of certificates.xhtml (a lazy, database-paged table). */
@Named
@ViewScoped
public class CertificateList implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The sources a certificate can have, in the order the source filter shows them. */
    private static final List<String> SOURCES = Arrays.stream(CertificateSource.values()).map(Enum::name).toList();

    @EJB
    private CertificateService certificates;

    private CertificateTable table;

    @PostConstruct
    void create() {
        table = new CertificateTable(certificates);
    }

    public CertificateTable getTable() {
        return table;
    }

    public List<String> getSources() {
        return SOURCES;
    }

    public boolean isMayChange() {
        return PageActions.mayChange();
    }

    public String names(CertificateView certificate) {
        return String.join(", ", certificate.subjectAltNames());
    }

    public String usedBy(CertificateView certificate) {
        return String.join(", ", certificate.usedBy());
    }

    /** The not-after cell's style: cg-expired, cg-expiring or cg-valid. */
    public String state(CertificateView certificate) {
        return Dates.stateStyle(certificate.notBefore(), certificate.notAfter(), Instant.now());
    }

    public String stateText(CertificateView certificate) {
        return Dates.stateText(certificate.notBefore(), certificate.notAfter(), Instant.now());
    }
}
