package dev.certgate.gateway;

import dev.certgate.applications.DomainDirectory;
import dev.certgate.certificates.CertificateDirectory;
import dev.certgate.core.pki.LeafCertificate;
import dev.certgate.core.pki.Pem;
import dev.certgate.core.sni.ServedCertificate;
import dev.certgate.core.sni.SniSnapshot;
import dev.certgate.gateway.model.GatewaySettingsRecord;
import dev.certgate.logging.CertgateLog;
import dev.certgate.settings.Settings;
import dev.certgate.vault.Vault;
import dev.certgate.vault.model.SealedKey;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.net.URI;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the gateway's state from the database: every servable certificate (chain read, key opened by the vault),
 * the domains bound to them, and the routes to the applications' backends. A certificate that cannot be opened
 * (another installation's key, altered row) is left out and logged, never fatal.
 */
@Stateless
@PermitAll // internal: no remote view; the calling service checked the roles
public class GatewaySnapshots {

    /** Rows per core below which opening them on other threads is not worth it. */
    private static final int PARALLEL_FROM = 200;

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @EJB
    private Settings settings;

    @EJB
    private Vault vault;

    @EJB
    private CertificateDirectory certificates;

    @EJB
    private ChallengeStore challenges;

    @EJB
    private DomainDirectory domains;

    /** The container's default managed executor (EE 10: always there); opens keys on several cores. */
    @Resource
    private ManagedExecutorService executor;

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
        Map<String, Long> versions = certificates.versions();
        Set<String> present = new HashSet<>(versions.keySet());
        Map<String, Long> changed = new HashMap<>();
        versions.forEach((id, version) -> {
            Opened known = opened.get(id);
            if (known == null || known.version() != version) {
                changed.put(id, version);
            }
        });
        // The changed rows in a few queries, not one per row (at start every row is "changed": one query), and only
        // the columns a handshake needs: no entities, so no query per row for its names (an eager collection) and
        // nothing kept in the persistence context.
        boolean everything = !changed.isEmpty() && changed.size() == versions.size();
        List<CertificateDirectory.Servable> changedRows = certificates.servable(everything, changed.keySet());
        Vault.KeyOpener keys = vault.keyOpener();
        // certgate.gateway.defer-keys-from: from this many certificates to open at once (at start: every stored
        // one), serve as soon as their names are known and open each key on first use or in the background warm-up;
        // below it, open the keys before the snapshot is replaced. bin/test sets it low, so that every restart of
        // the test server goes the deferred way.
        if (changedRows.size() >= settings.current().gatewayDeferKeysFrom()) {
            // Many (at start: all of them). Serve as soon as every name is known, from the store's own columns
            // (names, key type, end of validity, as it derived them from the leaf when importing); each key is
            // opened by the first handshake that needs it or by the warm-up below, whichever comes first.
            Map<String, List<String>> names = certificates.names(everything, changed.keySet());
            List<ServedCertificate> deferred = new ArrayList<>(changedRows.size());
            for (CertificateDirectory.Servable row : changedRows) {
                String id = row.id();
                Long version = changed.get(id);
                if (version == null) {
                    continue; // committed after the versions were read: the refresh its commit triggers takes it
                }
                ServedCertificate certificate = ServedCertificate.deferred(id, names.getOrDefault(id, List.of()),
                        row.keyAlgorithm(), row.notAfter(), () -> open(row, keys));
                opened.put(id, new Opened(version, certificate));
                deferred.add(certificate);
            }
            warmUp(deferred);
        } else {
            // A few: opened now, so that a certificate that cannot be served is left out (and logged) at once.
            List<Optional<ServedCertificate.Unsealed>> ready = openAll(changedRows, keys);
            for (int i = 0; i < changedRows.size(); i++) {
                String id = changedRows.get(i).id();
                Long version = changed.get(id);
                if (ready.get(i).isPresent() && version != null) {
                    ServedCertificate.Unsealed unsealed = ready.get(i).get();
                    opened.put(id, new Opened(version, new ServedCertificate(id, unsealed.chain(), unsealed.key(),
                            LeafCertificate.hostNamesOf(unsealed.chain().get(0)))));
                } else {
                    opened.remove(id);
                }
            }
        }
        opened.keySet().retainAll(present);
        List<ServedCertificate> served = opened.values().stream().map(Opened::served).toList();
        Map<String, String> bound = new HashMap<>();
        Map<String, Route> routes = new HashMap<>();
        Map<List<String>, List<URI>> backends = new HashMap<>(); // parsed once per application, as before
        for (DomainDirectory.DomainRoute domain : domains.routes()) {
            domain.certificateId().ifPresent(id -> bound.put(domain.domain(), id));
            routes.put(domain.domain(), new Route(domain.applicationId(), domain.applicationName(),
                    backends.computeIfAbsent(domain.backends(), urls -> urls.stream().map(URI::create).toList()),
                    domain.redirectHttps(), domain.hsts()));
        }
        GatewaySettingsRecord options = em.find(GatewaySettingsRecord.class, GatewaySettingsRecord.ID);
        String defaultAlias = options == null ? null : options.defaultCertificateId();
        return new GatewayState(SniSnapshot.of(served, bound, defaultAlias), Routes.of(routes),
                challenges.pending());
    }

    /**
     * Opens the rows' keys and chains, on every core when there are many, through the container's managed executor;
     * in the caller's thread otherwise.
     */
    private List<Optional<ServedCertificate.Unsealed>> openAll(List<CertificateDirectory.Servable> rows,
            Vault.KeyOpener keys) {
        int parts = Math.min(Runtime.getRuntime().availableProcessors(), rows.size() / PARALLEL_FROM);
        if (parts < 2 || executor == null) {
            return rows.stream().map(row -> open(row, keys)).toList();
        }
        int size = (rows.size() + parts - 1) / parts;
        List<Future<List<Optional<ServedCertificate.Unsealed>>>> futures = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += size) {
            List<CertificateDirectory.Servable> part = rows.subList(from, Math.min(rows.size(), from + size));
            futures.add(executor.submit(() -> part.stream().map(row -> open(row, keys)).toList()));
        }
        List<Optional<ServedCertificate.Unsealed>> all = new ArrayList<>(rows.size());
        for (Future<List<Optional<ServedCertificate.Unsealed>>> future : futures) {
            try {
                all.addAll(future.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("opening stored certificates failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while opening stored certificates", e);
            }
        }
        return all;
    }

    /**
     * Opens the deferred certificates' keys in the background, one task per core, so that handshakes soon find them
     * open; a handshake that gets there first opens its own (each is opened once). Logs when all are done.
     */
    private void warmUp(List<ServedCertificate> deferred) {
        if (deferred.isEmpty() || executor == null) {
            return;
        }
        long started = System.nanoTime();
        int parts = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), deferred.size() / PARALLEL_FROM));
        int size = (deferred.size() + parts - 1) / parts;
        AtomicInteger left = new AtomicInteger(parts);
        AtomicInteger usable = new AtomicInteger();
        for (int from = 0; from < deferred.size(); from += size) {
            List<ServedCertificate> part = deferred.subList(from, Math.min(deferred.size(), from + size));
            executor.execute(() -> {
                part.forEach(certificate -> {
                    if (certificate.usable()) {
                        usable.incrementAndGet();
                    }
                });
                if (left.decrementAndGet() == 0) {
                    CertgateLog.gatewayKeysOpened(usable.get(), deferred.size(),
                            (System.nanoTime() - started) / 1_000_000);
                }
            });
        }
    }

    /**
     * Reads the chain and opens the key of a certificate; empty (and logged) when it cannot be
     * served. Throws nothing: it runs inside the snapshot's transaction, on the warm-up's threads and in handshakes.
     */
    private static Optional<ServedCertificate.Unsealed> open(CertificateDirectory.Servable row,
            Vault.KeyOpener keys) {
        String id = row.id();
        String commonName = row.commonName();
        SealedKey sealed = row.privateKey();
        Optional<PrivateKey> key = keys.tryOpen(id, sealed);
        if (key.isEmpty()) {
            CertgateLog.certificateUnreadable(id, commonName, "its private key does not open under this "
                    + "installation's instance key (sealed under " + sealed.kekId() + ")");
            return Optional.empty();
        }
        try {
            // The store validated the chain when it was imported; here it is only read back.
            return Optional.of(new ServedCertificate.Unsealed(Pem.readStoredCertificates(row.chainPem()),
                    key.get()));
        } catch (RuntimeException e) {
            CertgateLog.certificateUnreadable(id, commonName, e.getMessage());
            return Optional.empty();
        }
    }
}
