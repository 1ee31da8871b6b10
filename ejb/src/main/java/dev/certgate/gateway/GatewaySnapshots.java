package dev.certgate.gateway;

import dev.certgate.api.CertgateException;
import dev.certgate.applications.Application;
import dev.certgate.applications.DomainBinding;
import dev.certgate.certificates.Certificate;
import dev.certgate.logging.CertgateLog;
import dev.certgate.pki.Pem;
import dev.certgate.vault.Vault;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.net.URI;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the gateway's state from the database: every servable certificate (chain read, key opened by the vault),
 * the domains bound to them, and the routes to the applications' backends. A certificate that cannot be opened
 * (another installation's key, altered row) is left out and logged, never fatal.
 */
@Stateless
@PermitAll // internal: no remote view; the calling service checked the roles
public class GatewaySnapshots {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @EJB
    private Vault vault;

    /** The state as committed now. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public GatewayState load() {
        List<ServedCertificate> served = new ArrayList<>();
        for (Certificate c : em.createNamedQuery(Certificate.ALL_BY_NOT_AFTER, Certificate.class).getResultList()) {
            // Never an EJB call that throws here: an application exception would doom this whole transaction.
            Optional<PrivateKey> key = vault.tryOpen(c.id(), c.privateKey());
            if (key.isEmpty()) {
                CertgateLog.certificateUnreadable(c.id(), c.commonName(), "its private key does not open under this "
                        + "installation's instance key (sealed under " + c.privateKey().kekId() + ")");
                continue;
            }
            try {
                served.add(new ServedCertificate(c.id(), Pem.readCertificates(c.chainPem()), key.get(), c.names()));
            } catch (CertgateException e) {
                CertgateLog.certificateUnreadable(c.id(), c.commonName(), e.getMessage());
            }
        }
        Map<String, String> bound = new HashMap<>();
        Map<String, Route> routes = new HashMap<>();
        for (Application application : em.createNamedQuery(Application.ALL_BY_NAME, Application.class)
                .getResultList()) {
            List<URI> backends = application.backends().stream().map(URI::create).toList();
            for (DomainBinding domain : application.domains()) {
                if (domain.certificateId() != null) {
                    bound.put(domain.name(), domain.certificateId());
                }
                routes.put(domain.name(), new Route(application.id(), application.name(), backends,
                        domain.redirectHttps(), domain.hsts()));
            }
        }
        GatewaySettingsRecord settings = em.find(GatewaySettingsRecord.class, GatewaySettingsRecord.ID);
        String defaultAlias = settings == null ? null : settings.defaultCertificateId();
        return new GatewayState(SniSnapshot.of(served, bound, defaultAlias), Routes.of(routes));
    }
}
