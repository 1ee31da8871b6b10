package dev.certgate.gateway;

import dev.certgate.gateway.model.GatewaySettingsRecord;
import dev.certgate.applications.model.Application;
import dev.certgate.applications.model.DomainBinding;
import dev.certgate.vault.model.SealedKey;
import dev.certgate.logging.CertgateLog;
import dev.certgate.pki.LeafCertificate;
import dev.certgate.pki.Pem;
import dev.certgate.settings.Settings;
import dev.certgate.vault.Vault;
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
import java.time.Instant;
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

    /** Rows fetched per query when many changed (IN lists stay well under every database's limit). */
    private static final int FETCH_BATCH = 500;
    /** Rows per core below which opening them on other threads is not worth it. */
    private static final int PARALLEL_FROM = 200;
    private static final String SERVED_COLUMNS = "select c.id, c.commonName, c.chainPem, c.privateKey,"
            + " c.keyAlgorithm, c.notAfter from Certificate c";
    private static final String NAME_COLUMNS = "select c.id, n from Certificate c join c.names n";

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @EJB
    private Settings settings;

    @EJB
    private Vault vault;

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
        List<Object[]> rows = em.createQuery("select c.id, c.version from Certificate c", Object[].class)
                .getResultList();
        Set<String> present = new HashSet<>();
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
        // The changed rows in a few queries, not one per row (at start every row is "changed": one query), and only
        // the columns a handshake needs: no entities, so no query per row for its names (an eager collection) and
        // nothing kept in the persistence context.
        boolean everything = !changed.isEmpty() && changed.size() == rows.size();
        List<Object[]> changedRows = fetch(SERVED_COLUMNS, everything, changed.keySet());
        Vault.KeyOpener keys = vault.keyOpener();
        // certgate.gateway.defer-keys-from: from this many certificates to open at once (at start: every stored
        // one), serve as soon as their names are known and open each key on first use or in the background warm-up;
        // below it, open the keys before the snapshot is replaced. bin/test sets it low, so that every restart of
        // the test server goes the deferred way.
        if (changedRows.size() >= settings.current().gatewayDeferKeysFrom()) {
            // Many (at start: all of them). Serve as soon as every name is known, from the store's own columns
            // (names, key type, end of validity, as it derived them from the leaf when importing); each key is
            // opened by the first handshake that needs it or by the warm-up below, whichever comes first.
            Map<String, List<String>> names = new HashMap<>();
            for (Object[] row : fetch(NAME_COLUMNS, everything, changed.keySet())) {
                names.computeIfAbsent((String) row[0], id -> new ArrayList<>()).add((String) row[1]);
            }
            List<ServedCertificate> deferred = new ArrayList<>(changedRows.size());
            for (Object[] row : changedRows) {
                String id = (String) row[0];
                Long version = changed.get(id);
                if (version == null) {
                    continue; // committed after the versions were read: the refresh its commit triggers takes it
                }
                ServedCertificate certificate = ServedCertificate.deferred(id, names.getOrDefault(id, List.of()),
                        (String) row[4], (Instant) row[5], () -> open(row, keys));
                opened.put(id, new Opened(version, certificate));
                deferred.add(certificate);
            }
            warmUp(deferred);
        } else {
            // A few: opened now, so that a certificate that cannot be served is left out (and logged) at once.
            List<Optional<ServedCertificate.Unsealed>> ready = openAll(changedRows, keys);
            for (int i = 0; i < changedRows.size(); i++) {
                Object[] row = changedRows.get(i);
                String id = (String) row[0];
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

    /** Rows of {@code select} for the ids given, or for every certificate. */
    private List<Object[]> fetch(String select, boolean everything, Set<String> ids) {
        if (everything) {
            return em.createQuery(select, Object[].class).getResultList();
        }
        List<Object[]> rows = new ArrayList<>(ids.size());
        List<String> list = new ArrayList<>(ids);
        for (int from = 0; from < list.size(); from += FETCH_BATCH) {
            rows.addAll(em.createQuery(select + " where c.id in :ids", Object[].class)
                    .setParameter("ids", list.subList(from, Math.min(list.size(), from + FETCH_BATCH)))
                    .getResultList());
        }
        return rows;
    }

    /**
     * Opens the rows' keys and chains, on every core when there are many, through the container's managed executor;
     * in the caller's thread otherwise.
     */
    private List<Optional<ServedCertificate.Unsealed>> openAll(List<Object[]> rows, Vault.KeyOpener keys) {
        int parts = Math.min(Runtime.getRuntime().availableProcessors(), rows.size() / PARALLEL_FROM);
        if (parts < 2 || executor == null) {
            return rows.stream().map(row -> open(row, keys)).toList();
        }
        int size = (rows.size() + parts - 1) / parts;
        List<Future<List<Optional<ServedCertificate.Unsealed>>>> futures = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += size) {
            List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + size));
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
     * Reads the chain and opens the key of a row of {@link #SERVED_COLUMNS}; empty (and logged) when it cannot be
     * served. Throws nothing: it runs inside the snapshot's transaction, on the warm-up's threads and in handshakes.
     */
    private static Optional<ServedCertificate.Unsealed> open(Object[] row, Vault.KeyOpener keys) {
        String id = (String) row[0];
        String commonName = (String) row[1];
        SealedKey sealed = (SealedKey) row[3];
        Optional<PrivateKey> key = keys.tryOpen(id, sealed);
        if (key.isEmpty()) {
            CertgateLog.certificateUnreadable(id, commonName, "its private key does not open under this "
                    + "installation's instance key (sealed under " + sealed.kekId() + ")");
            return Optional.empty();
        }
        try {
            // The store validated the chain when it was imported; here it is only read back.
            return Optional.of(new ServedCertificate.Unsealed(Pem.readStoredCertificates((String) row[2]),
                    key.get()));
        } catch (RuntimeException e) {
            CertgateLog.certificateUnreadable(id, commonName, e.getMessage());
            return Optional.empty();
        }
    }
}
