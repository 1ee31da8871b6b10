package dev.certgate.certificates;

import dev.certgate.api.CertificatePage;
import dev.certgate.api.CertificateQuery;
import dev.certgate.api.CertificateState;
import dev.certgate.api.CertificateView;
import dev.certgate.api.InvalidInputException;
import dev.certgate.certificates.model.Certificate;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One paged, filtered, sorted certificate query. Every sort key and every filter but the name substring is backed by
 * an index (not_after, common_name, created_at, source + not_after; see V3__list_indexes.sql); the substring
 * ({@code like '%x%'}) cannot seek a B-tree index, so it scans narrow indexes (common_name, and certificate_name's
 * primary key), never the wide rows. Sort fields are whitelisted, never pasted into the query as given.
 */
final class CertificateSearch {

    /** The most rows one page may hold. */
    static final int MAX_PAGE_SIZE = 500;

    private static final Map<String, String> SORT_FIELDS = Map.of(
            "notafter", "c.notAfter", "commonname", "c.commonName", "createdat", "c.createdAt");

    private final EntityManager em;
    private final String where;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final String orderBy;
    private final int page;
    private final int size;

    CertificateSearch(EntityManager em, CertificateQuery query, Instant now) throws InvalidInputException {
        this.em = em;
        if (query.page() < 0) {
            throw new InvalidInputException("page", "The page number must be 0 or more, not " + query.page() + ".");
        }
        if (query.size() < 1 || query.size() > MAX_PAGE_SIZE) {
            throw new InvalidInputException("size", "The page size must be from 1 to " + MAX_PAGE_SIZE + ", not "
                    + query.size() + ".");
        }
        this.page = query.page();
        this.size = query.size();

        StringBuilder conditions = new StringBuilder("1 = 1");
        if (query.text() != null && !query.text().isBlank()) {
            String like = "%" + escapeLike(query.text().strip().toLowerCase(Locale.ROOT)) + "%";
            // The names subquery is correlated on c's own collection: joining Certificate again made MariaDB read
            // the clustered index (whole rows) once per row, 20 s at 100 000 rows (bench/list-100k.sh).
            conditions.append(" and (lower(c.commonName) like :text escape '!' or exists (select 1 from c.names n"
                    + " where n like :text escape '!'))");
            parameters.put("text", like);
        }
        if (query.expiringWithinDays() != null) {
            if (query.expiringWithinDays() < 0) {
                throw new InvalidInputException("expiringWithinDays", "expiringWithinDays must be 0 or more, not "
                        + query.expiringWithinDays() + ".");
            }
            conditions.append(" and c.notAfter <= :horizon");
            parameters.put("horizon", now.plus(Duration.ofDays(query.expiringWithinDays())));
        }
        if (query.source() != null) {
            parameters.put("source", query.source());
            conditions.append(" and c.source = :source");
        }
        if (query.state() != null) {
            Instant soon = now.plus(Duration.ofDays(CertificateState.EXPIRING_DAYS));
            switch (query.state()) {
                // as CertificateState.of: begun certificates by their end, the others not yet valid
                case EXPIRED -> {
                    conditions.append(" and c.notAfter < :now");
                    parameters.put("now", now);
                }
                case EXPIRING -> {
                    conditions.append(" and c.notAfter >= :now and c.notAfter < :soon and c.notBefore <= :now");
                    parameters.put("now", now);
                    parameters.put("soon", soon);
                }
                case VALID -> {
                    conditions.append(" and c.notAfter >= :soon and c.notBefore <= :now");
                    parameters.put("now", now);
                    parameters.put("soon", soon);
                }
                case NOT_YET_VALID -> {
                    conditions.append(" and c.notBefore > :now");
                    parameters.put("now", now);
                }
            }
        }
        this.where = conditions.toString();
        this.orderBy = orderBy(query.sort());
    }

    /**
     * Two steps: the page's ids (filtered, sorted and cut by the database, from the indexes alone where they cover
     * the filter and the sort), then those rows with their names in one query. Selecting whole rows with LIMIT/OFFSET
     * made the database read every skipped row (a deep page took seconds) and each row's names cost a query of its own.
     * With the count of all matches.
     *
     * @param views turns the page's rows into views, all at once (so it can fetch what they share in one query)
     */
    CertificatePage page(Function<List<Certificate>, List<CertificateView>> views) {
        return new CertificatePage(items(views), count());
    }

    /** How many certificates match: the one count query. */
    long count() {
        TypedQuery<Long> count = em.createQuery("select count(c) from Certificate c where " + where, Long.class);
        parameters.forEach(count::setParameter);
        return count.getSingleResult();
    }

    /** The page's certificates without counting the matches (as {@link #page}). */
    List<CertificateView> items(Function<List<Certificate>, List<CertificateView>> views) {
        TypedQuery<String> ids = em.createQuery("select c.id from Certificate c where " + where + " order by "
                + orderBy, String.class);
        parameters.forEach(ids::setParameter);
        List<String> pageIds = ids.setFirstResult(page * size).setMaxResults(size).getResultList();
        if (pageIds.isEmpty()) {
            return List.of();
        }
        Map<String, Certificate> byId = new HashMap<>();
        em.createQuery("select c from Certificate c left join fetch c.names where c.id in :ids", Certificate.class)
                .setParameter("ids", pageIds).getResultList().forEach(c -> byId.put(c.id(), c));
        // in the page's order; a row deleted between the two queries is left out
        return views.apply(pageIds.stream().map(byId::get).filter(Objects::nonNull).toList());
    }

    private static String orderBy(String sort) throws InvalidInputException {
        if (sort == null || sort.isBlank()) {
            return "c.notAfter asc, c.id asc";
        }
        String[] parts = sort.strip().split(",");
        String field = SORT_FIELDS.get(parts[0].strip().toLowerCase(Locale.ROOT));
        String direction = parts.length > 1 ? parts[1].strip().toLowerCase(Locale.ROOT) : "asc";
        if (field == null || parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
            throw new InvalidInputException("sort", "Sort by notAfter, commonName or createdAt, then asc or desc "
                    + "(for example notAfter,asc), not '" + sort + "'.");
        }
        // the tie-breaker goes the same way, so that a descending sort is an index read backwards, not a sort
        return field + " " + direction + ", c.id " + direction;
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
