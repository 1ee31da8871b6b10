package dev.certgate.applications;

import dev.certgate.applications.model.Application;
import dev.certgate.applications.model.DomainBinding;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the other capabilities (ACME, the gateway, the certificates) may read and write of the applications and their
 * domains: the applications capability owns those tables, so the others come here and get values, never entities.
 * Joins the caller's transaction; the calling service checked the roles.
 */
@Stateless
@PermitAll // internal: no remote view
public class DomainDirectory {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @Inject
    private Event<ApplicationsChanged> changed;

    /** A domain as the gateway serves it: the certificate bound to it (if any) and its application's backends. */
    public record DomainRoute(String domain, Optional<String> certificateId, String applicationId,
                              String applicationName, List<String> backends, boolean redirectHttps, boolean hsts) {
        public DomainRoute {
            backends = List.copyOf(backends);
        }
    }

    /**
     * How ACME is to prove and key a domain, and the CA's certificate profile to order it with (empty: the
     * account's default).
     */
    public record AcmeBinding(String challenge, String keyType, Optional<String> profile) {
    }

    /** Every domain of every application, as the gateway routes it. */
    public List<DomainRoute> routes() {
        List<DomainRoute> routes = new ArrayList<>();
        for (Application application : em.createNamedQuery(Application.ALL_BY_NAME, Application.class)
                .getResultList()) {
            for (DomainBinding domain : application.domains()) {
                routes.add(new DomainRoute(domain.name(), Optional.ofNullable(domain.certificateId()),
                        application.id(), application.name(), application.backends(), domain.redirectHttps(),
                        domain.hsts()));
            }
        }
        return routes;
    }

    /** The domains that use ACME, each with the certificate bound to it now (null when it has none yet). */
    public Map<String, String> acmeDomains() {
        Map<String, String> domains = new HashMap<>();
        for (Object[] row : em.createQuery("select d.name, d.certificateId from Application a join a.domains d"
                + " where d.acmeChallenge is not null", Object[].class).getResultList()) {
            domains.put((String) row[0], (String) row[1]);
        }
        return domains;
    }

    /** The ACME challenge and key type of {@code domain}; empty when it does not use ACME (any more). */
    public Optional<AcmeBinding> acmeBinding(String domain) {
        return em.createQuery("select d.acmeChallenge, d.acmeKeyType, d.acmeProfile from Application a"
                        + " join a.domains d where d.name = :domain and d.acmeChallenge is not null", Object[].class)
                .setParameter("domain", domain).getResultStream().findFirst()
                .map(row -> new AcmeBinding((String) row[0], (String) row[1], Optional.ofNullable((String) row[2])));
    }

    /** The certificate ACME obtained last for {@code domain}, still bound to it; empty when there is none. */
    public Optional<String> acmeCertificateOf(String domain) {
        return em.createQuery("select d.certificateId from Application a join a.domains d"
                        + " where d.name = :name and d.acmeChallenge is not null and d.certificateId is not null",
                        String.class)
                .setParameter("name", domain).getResultStream().findFirst();
    }

    /**
     * Binds the certificate ACME obtained to the ACME domain {@code domain} (nothing when the domain stopped using
     * ACME meanwhile); its application is refreshed in the gateway after the commit.
     */
    public void bindAcmeCertificate(String domain, String certificateId) {
        int bound = em.createNativeQuery("UPDATE domain SET certificate_id = ?1 WHERE name = ?2"
                        + " AND acme_challenge IS NOT NULL")
                .setParameter(1, certificateId).setParameter(2, domain).executeUpdate();
        if (bound > 0) {
            em.createQuery("select a.id from Application a join a.domains d where d.name = :domain", String.class)
                    .setParameter("domain", domain).getResultStream().findFirst()
                    .ifPresent(id -> changed.fire(new ApplicationsChanged(id)));
        }
    }
}
