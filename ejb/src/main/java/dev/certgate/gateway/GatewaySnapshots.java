package dev.certgate.gateway;

import dev.certgate.api.CertgateException;
import dev.certgate.applications.Application;
import dev.certgate.applications.DomainBinding;
import dev.certgate.certificates.SealedKey;
import dev.certgate.logging.CertgateLog;
import dev.certgate.pki.LeafCertificate;
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

    /** Rows fetched per query when many changed (IN lists stay well under every database's limit). */
    private static final int FETCH_BATCH = 500;

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @EJB
    private Vault vault;

    /** A certificate ready to serve and the row version it was built from. */
    public record Opened(long version, ServedCertificate served) {
    }

    /**
     * The state as committed now. Only certificates that are new or changed since {@code opened} was filled are read
     * and decrypted: a change costs one small query plus the changed rows, not a pass over every key.
     *
     * @param opened what earlier calls opened, by certificate id; updated in place (the caller serialises calls)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public GatewayState load(Map<String, Opened> opened) {
        List<Object[]> rows = em.createQuery("select c.id, c.version from Certificate c", Object[].class)
                .getResultList();
        java.util.Set<String> present = new java.util.HashSet<>();
        Map<String, Long> changed = new HashMap<>();
        for (Object[] row : rows) {
            String id = (String) row[0];
            long version = (Long) row[1];
            present.add(id);
            Opened known = opened.get(id);
            if (known == null || known.version() != version) {
                changed.put(id, version);
            }
        }
        // The changed rows in a few queries, not one per row (at start every row is "changed"), and only the columns
        // a handshake needs: no entities, so no query per row for its names (an eager collection) and nothing kept
        // in the persistence context. The names are the leaf's own, as the store derived them.
        List<String> ids = new ArrayList<>(changed.keySet());
        for (int from = 0; from < ids.size(); from += FETCH_BATCH) {
            for (Object[] row : em.createQuery("select c.id, c.commonName, c.chainPem, c.privateKey"
                            + " from Certificate c where c.id in :ids", Object[].class)
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + FETCH_BATCH)))
                    .getResultList()) {
                String id = (String) row[0];
                Optional<ServedCertificate> ready = open(id, (String) row[1], (String) row[2], (SealedKey) row[3]);
                if (ready.isPresent()) {
                    opened.put(id, new Opened(changed.get(id), ready.get()));
                } else {
                    opened.remove(id);
                }
            }
        }
        opened.keySet().retainAll(present);
        List<ServedCertificate> served = opened.values().stream().map(Opened::served).toList();
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

    /** Reads the chain and opens the key; empty (and logged) when it cannot be served. */
    private Optional<ServedCertificate> open(String id, String commonName, String chainPem, SealedKey sealed) {
        // Never an EJB call that throws here: an application exception would doom this whole transaction.
        Optional<PrivateKey> key = vault.tryOpen(id, sealed);
        if (key.isEmpty()) {
            CertgateLog.certificateUnreadable(id, commonName, "its private key does not open under this "
                    + "installation's instance key (sealed under " + sealed.kekId() + ")");
            return Optional.empty();
        }
        try {
            List<java.security.cert.X509Certificate> chain = Pem.readCertificates(chainPem);
            return Optional.of(new ServedCertificate(id, chain, key.get(),
                    LeafCertificate.of(chain.get(0)).hostNames()));
        } catch (CertgateException | RuntimeException e) {
            CertgateLog.certificateUnreadable(id, commonName, e.getMessage());
            return Optional.empty();
        }
    }
}
