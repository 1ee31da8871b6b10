package dev.certgate.applications;

import dev.certgate.applications.model.Application;
import dev.certgate.certificates.CertificateUsers;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tells the certificates capability which domains are served with a certificate (shown, and they forbid deletion). */
@Stateless
@PermitAll // internal: no remote view
public class ApplicationCertificateUsers implements CertificateUsers {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @Override
    public Map<String, List<String>> domainsServedWith(Collection<String> certificateIds) {
        Map<String, List<String>> usedBy = new HashMap<>();
        if (certificateIds.isEmpty()) {
            return usedBy;
        }
        em.createNamedQuery(Application.DOMAINS_USING_CERTIFICATES, Object[].class)
                .setParameter("certificates", List.copyOf(certificateIds))
                .getResultList()
                .forEach(row -> usedBy.computeIfAbsent((String) row[0], id -> new ArrayList<>()).add((String) row[1]));
        return usedBy;
    }

    @Override
    public List<String> otherUsesOf(String certificateId) {
        return List.of();
    }
}
