package dev.certgate.certificates;

import dev.certgate.api.AuditAction;
import dev.certgate.api.CertgateException;
import dev.certgate.api.CertificateChoice;
import dev.certgate.api.CertificateSource;
import dev.certgate.api.DashboardSummary;
import dev.certgate.certificates.model.Certificate;
import dev.certgate.core.pki.ImportedCertificate;
import dev.certgate.vault.model.SealedKey;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the other capabilities (applications, ACME, the gateway) may read and write of the stored certificates: the
 * certificates capability owns their table, so the others come here and get values, never entities. Joins the
 * caller's transaction; the calling service checked the roles.
 */
@Stateless
@PermitAll // internal: no remote view
public class CertificateDirectory {

    /** Rows fetched per query when many are asked for (IN lists stay well under every database's limit). */
    private static final int FETCH_BATCH = 500;

    private static final String SERVABLE_COLUMNS = "select c.id, c.commonName, c.chainPem, c.privateKey,"
            + " c.keyAlgorithm, c.notAfter from Certificate c";
    private static final String NAME_COLUMNS = "select c.id, n from Certificate c join c.names n";

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @EJB
    private CertificateWriter writer;

    /** A stored certificate as another capability sees it. */
    public record Stored(String id, long version, String commonName, List<String> names, CertificateSource source,
                         Instant notBefore, Instant notAfter, String chainPem) {
        public Stored {
            names = List.copyOf(names);
        }

        static Stored of(Certificate c) {
            return new Stored(c.id(), c.version(), c.commonName(), c.names(), c.source(), c.notBefore(), c.notAfter(),
                    c.chainPem());
        }
    }

    /** What a handshake needs of a certificate, read from its own columns: no entity, no lazy names. */
    public record Servable(String id, String commonName, String chainPem, SealedKey privateKey, String keyAlgorithm,
                           Instant notAfter) {
    }

    /** The certificate {@code id}; empty when there is none (or {@code id} is null). */
    public Optional<Stored> find(String id) {
        return Optional.ofNullable(id == null ? null : em.find(Certificate.class, id)).map(Stored::of);
    }

    /**
     * The certificates whose names include one of {@code candidates} (the host and the wildcards that would cover
     * it), the latest-ending first, at most {@code limit}.
     *
     * @param host the normalised host name the choice is for
     */
    public List<CertificateChoice> covering(String host, List<String> candidates, int limit) {
        // certificate_name(name) is indexed: an index seek per candidate, then at most `limit` rows read
        List<String> ids = em.createQuery("select c.id from Certificate c join c.names n where n in :names"
                        + " group by c.id, c.notAfter order by c.notAfter desc", String.class)
                .setParameter("names", candidates).setMaxResults(limit).getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Certificate> found = em.createQuery("select distinct c from Certificate c left join fetch c.names"
                + " where c.id in :ids", Certificate.class).setParameter("ids", ids).getResultList();
        return found.stream()
                .sorted(Comparator.comparing(Certificate::notAfter).reversed())
                .map(c -> new CertificateChoice(c.id(), c.commonName(), c.names(),
                        c.names().contains(host) ? host : candidates.get(candidates.size() - 1), c.issuer(),
                        c.source(), c.notAfter()))
                .toList();
    }

    /** Stores a certificate obtained by another capability (ACME), audited with {@code action}. */
    public Stored store(CertificateSource source, ImportedCertificate material, String description,
                        AuditAction action)
            throws CertgateException {
        return Stored.of(writer.store(source, material, description, action));
    }

    /** Replaces the material of the certificate {@code id} at {@code version}, keeping its id and bindings. */
    public Stored replace(String id, long version, ImportedCertificate material, String description)
            throws CertgateException {
        return Stored.of(writer.replace(id, version, material, description));
    }

    /** The row version of every stored certificate, by id. */
    public Map<String, Long> versions() {
        Map<String, Long> versions = new HashMap<>();
        for (Object[] row : em.createQuery("select c.id, c.version from Certificate c", Object[].class)
                .getResultList()) {
            versions.put((String) row[0], (Long) row[1]);
        }
        return versions;
    }

    /** What a handshake needs of the certificates {@code ids}, or of every certificate when {@code everything}. */
    public List<Servable> servable(boolean everything, Collection<String> ids) {
        return fetch(SERVABLE_COLUMNS, everything, ids).stream()
                .map(row -> new Servable((String) row[0], (String) row[1], (String) row[2], (SealedKey) row[3],
                        (String) row[4], (Instant) row[5]))
                .toList();
    }

    /** A stored certificate's public chain and names, as the served-certificate check compares them. */
    public record PublicChain(String id, String chainPem, List<String> names) {
        public PublicChain {
            names = List.copyOf(names);
        }
    }

    /** Every stored certificate's public chain and names (no key). */
    public List<PublicChain> publicChains() {
        Map<String, List<String>> names = names(true, List.of());
        return em.createQuery("select c.id, c.chainPem from Certificate c", Object[].class).getResultList().stream()
                .map(row -> new PublicChain((String) row[0], (String) row[1],
                        names.getOrDefault((String) row[0], List.of())))
                .toList();
    }

    /** The host names of the certificates {@code ids} (or of all), by id, as the store derived them at import. */
    public Map<String, List<String>> names(boolean everything, Collection<String> ids) {
        Map<String, List<String>> names = new HashMap<>();
        for (Object[] row : fetch(NAME_COLUMNS, everything, ids)) {
            names.computeIfAbsent((String) row[0], id -> new ArrayList<>()).add((String) row[1]);
        }
        return names;
    }

    /** A certificate's dates, as the alert check reads them. */
    public record Ending(String id, String commonName, CertificateSource source, Instant notBefore, Instant notAfter) {
    }

    /** The certificates that end before {@code horizon} (ended ones too), soonest first: index range on not_after. */
    public List<Ending> endingBefore(Instant horizon) {
        return em.createQuery("select c.id, c.commonName, c.source, c.notBefore, c.notAfter from Certificate c"
                        + " where c.notAfter < :horizon order by c.notAfter asc, c.id asc", Object[].class)
                .setParameter("horizon", horizon).getResultStream()
                .map(row -> new Ending((String) row[0], (String) row[1], (CertificateSource) row[2],
                        (Instant) row[3], (Instant) row[4]))
                .toList();
    }

    /**
     * How many certificates have ended, have begun and end before {@code horizon} or later, have not begun; and the
     * soonest-ending ones.
     */
    public record ExpiryFigures(long expired, long expiringSoon, long valid, long notYetValid,
                                List<DashboardSummary.ExpiringCertificate> soonest) {
        public ExpiryFigures {
            soonest = List.copyOf(soonest);
        }
    }

    /**
     * The expiry figures at {@code now}. Each count is a range count on an index, so it reads index entries only,
     * never the wide rows: by end on not_after (V3: not_after, id, common_name), then the certificates not begun on
     * not_before (V18: not_before, not_after), which are taken out of the counts by end they fell in (they are few:
     * a certificate is rarely stored before its start). The list reads at most {@code listSize} rows, in index order.
     */
    public ExpiryFigures expiryFigures(Instant now, Instant horizon, int listSize) {
        long expired = em.createQuery("select count(c) from Certificate c where c.notAfter < :now", Long.class)
                .setParameter("now", now).getSingleResult();
        long endingSoon = em.createQuery("select count(c) from Certificate c where c.notAfter >= :now"
                + " and c.notAfter < :horizon", Long.class)
                .setParameter("now", now).setParameter("horizon", horizon).getSingleResult();
        long endingLater = em.createQuery("select count(c) from Certificate c where c.notAfter >= :horizon",
                        Long.class)
                .setParameter("horizon", horizon).getSingleResult();
        // not begun: how many, and how many of them end before the horizon (not_before <= not_after, so none ended)
        Object[] notBegun = em.createQuery("select count(c), sum(case when c.notAfter < :horizon then 1 else 0 end)"
                        + " from Certificate c where c.notBefore > :now", Object[].class)
                .setParameter("now", now).setParameter("horizon", horizon).getSingleResult();
        long notYetValid = number(notBegun[0]);
        long notYetValidEndingSoon = number(notBegun[1]);
        List<DashboardSummary.ExpiringCertificate> soonest = em.createQuery("select c.id, c.commonName, c.source,"
                        + " c.notAfter from Certificate c where c.notAfter >= :now and c.notBefore <= :now"
                        + " order by c.notAfter asc, c.id asc", Object[].class)
                .setParameter("now", now).setMaxResults(listSize).getResultStream()
                .map(row -> new DashboardSummary.ExpiringCertificate((String) row[0], (String) row[1],
                        (CertificateSource) row[2], (Instant) row[3]))
                .toList();
        return new ExpiryFigures(expired, endingSoon - notYetValidEndingSoon,
                endingLater - (notYetValid - notYetValidEndingSoon), notYetValid, soonest);
    }

    /**
     * How many certificates end on each day (UTC, as stored) from {@code from} until before {@code to}: one GROUP BY
     * on the not_after index. Days without any are left out.
     */
    public Map<LocalDate, Long> endingPerDay(Instant from, Instant to) {
        Map<LocalDate, Long> perDay = new HashMap<>();
        em.createQuery("select cast(c.notAfter as LocalDate), count(c) from Certificate c"
                        + " where c.notAfter >= :from and c.notAfter < :to group by cast(c.notAfter as LocalDate)",
                        Object[].class)
                .setParameter("from", from).setParameter("to", to).getResultStream()
                .forEach(row -> perDay.merge(day(row[0]), number(row[1]), Long::sum));
        return perDay;
    }

    /** A count or a sum as the database returns it; a sum over no rows is null. */
    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** A date as Hibernate returns the cast (LocalDate; a JDBC date from an older dialect). */
    private static LocalDate day(Object value) {
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }

    /** Rows of {@code select} for the ids given, or for every certificate. */
    private List<Object[]> fetch(String select, boolean everything, Collection<String> ids) {
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
}
