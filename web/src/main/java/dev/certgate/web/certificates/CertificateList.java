package dev.certgate.web.certificates;

import dev.certgate.api.CertgateException;
import dev.certgate.api.CertificateQuery;
import dev.certgate.api.CertificateService;
import dev.certgate.api.CertificateView;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Backs the certificate table of certificates.xhtml. */
@Named
@ViewScoped
public class CertificateList implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter EXPIRY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @EJB
    private CertificateService certificates;

    private List<CertificateView> rows = List.of();

    @PostConstruct
    void load() {
        reload();
    }

    /** Reads the list again (after a change made on this page). */
    void reload() {
        try {
            rows = certificates.list(new CertificateQuery(null, null, null, 0, CertificateQuery.all().size() * 10,
                    null)).items();
        } catch (CertgateException e) {
            throw new IllegalStateException("the default query is valid", e);
        }
    }

    public List<CertificateView> getCertificates() {
        return rows;
    }

    public String names(CertificateView certificate) {
        return String.join(", ", certificate.subjectAltNames());
    }

    public String warnings(CertificateView certificate) {
        return String.join(" ", certificate.warnings());
    }

    public String expiry(CertificateView certificate) {
        return EXPIRY.format(certificate.notAfter());
    }
}
