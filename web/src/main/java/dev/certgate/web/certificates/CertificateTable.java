package dev.certgate.web.certificates;

import dev.certgate.api.CertgateException;
import dev.certgate.api.CertificateQuery;
import dev.certgate.api.CertificateService;
import dev.certgate.api.CertificateSource;
import dev.certgate.api.CertificateState;
import dev.certgate.api.CertificateView;
import dev.certgate.web.PageActions;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The certificate table's rows, a page at a time: paging, sorting and filtering are done by the database
 * ({@link CertificateService#count}, then {@link CertificateService#items}: one count per refresh), never in memory,
 * so the table works the same with 100 000 certificates.
 * Column fields: {@code commonName} (sort; its filter matches the common name or any DNS name), {@code notAfter}
 * (sort; its filter is the state EXPIRED, EXPIRING, VALID or NOT_YET_VALID), {@code source} (filter).
 */
public class CertificateTable extends LazyDataModel<CertificateView> {

    private static final long serialVersionUID = 1L;

    private final CertificateService service;

    CertificateTable(CertificateService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    /**
     * The one count of a refresh: the table asks for it first (to place its paginator), then for the page, which
     * {@link #load} reads without counting again.
     */
    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        long[] total = new long[1];
        PageActions.run("listing the certificates", () -> total[0] = service.count(query(filterBy, Map.of(), 0, 1)));
        return (int) Math.min(Integer.MAX_VALUE, total[0]);
    }

    @Override
    public List<CertificateView> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                      Map<String, FilterMeta> filterBy) {
        int size = Math.max(1, pageSize);
        List<CertificateView> items = new ArrayList<>();
        PageActions.run("listing the certificates", () -> items.addAll(service.items(query(filterBy, sortBy,
                first / size, size))));
        return items;
    }

    @Override
    public String getRowKey(CertificateView certificate) {
        return certificate.id();
    }

    @Override
    public CertificateView getRowData(String rowKey) {
        return getWrappedData() == null ? null
                : getWrappedData().stream().filter(c -> c.id().equals(rowKey)).findFirst().orElse(null);
    }

    /**
     * The service's query for the table's filters and sort; a filter value the service does not know is refused by
     * it, with a message on the page.
     */
    private static CertificateQuery query(Map<String, FilterMeta> filterBy, Map<String, SortMeta> sortBy, int page,
                                          int size) throws CertgateException {
        return new CertificateQuery(filter(filterBy, "commonName"), null,
                CertificateSource.parse(filter(filterBy, "source")), page, size, sort(sortBy),
                CertificateState.parse(filter(filterBy, "notAfter")));
    }

    private static String filter(Map<String, FilterMeta> filterBy, String field) {
        FilterMeta meta = filterBy == null ? null : filterBy.get(field);
        Object value = meta == null ? null : meta.getFilterValue();
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    /** {@code field,asc|desc} for the service; only the columns it can sort by an index are sortable. */
    private static String sort(Map<String, SortMeta> sortBy) {
        if (sortBy == null) {
            return null;
        }
        return sortBy.values().stream()
                .filter(meta -> meta.getOrder() != SortOrder.UNSORTED)
                .findFirst()
                .map(meta -> meta.getField() + (meta.getOrder() == SortOrder.DESCENDING ? ",desc" : ",asc"))
                .orElse(null);
    }
}
