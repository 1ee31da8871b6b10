package dev.certgate.web.certificates;

import dev.certgate.api.CertificatePage;
import dev.certgate.api.CertificateQuery;
import dev.certgate.api.CertificateService;
import dev.certgate.api.CertificateState;
import org.junit.jupiter.api.Test;
import org.primefaces.model.FilterMeta;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The certificate table's model against a fake service that records its calls (no server: pure logic). */
class CertificateTableTest {

    /** The calls the table made, by name, with the queries; {@code count} answers 42, a page is empty. */
    private final List<String> calls = new ArrayList<>();
    private final List<CertificateQuery> queries = new ArrayList<>();

    private final CertificateService service = (CertificateService) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {CertificateService.class}, (proxy, method, args) -> {
                calls.add(method.getName());
                queries.add((CertificateQuery) args[0]);
                return switch (method.getName()) {
                    case "count" -> 42L;
                    case "items" -> List.of();
                    case "list" -> new CertificatePage(List.of(), 42);
                    default -> throw new AssertionError("the table has no business calling " + method);
                };
            });

    /** How many of the calls ran the count query: count, and list (which counts too). */
    private long counted() {
        return calls.stream().filter(name -> name.equals("count") || name.equals("list")).count();
    }

    @Test
    void aRefreshCountsOnceAndReadsItsPageWithoutCountingAgain() {
        CertificateTable table = new CertificateTable(service);
        // what the data table does on each refresh (PrimeFaces 15, DataTable#loadLazyScrollData): count, then load
        assertEquals(42, table.count(Map.of()));
        assertEquals(List.of(), table.load(40, 20, Map.of(), Map.of()));
        assertEquals(1, counted(), "the count query ran " + counted() + " times: " + calls);
        assertEquals(List.of("count", "items"), calls);
        assertEquals(2, queries.get(1).page(), "rows 40 to 59 are page 2 of 20");
        assertEquals(20, queries.get(1).size());
    }

    @Test
    void theStateFilterReachesTheServiceNotYetValidToo() {
        CertificateTable table = new CertificateTable(service);
        Map<String, FilterMeta> filter = Map.of("notAfter",
                FilterMeta.builder().field("notAfter").filterValue("NOT_YET_VALID").build());
        table.count(filter);
        table.load(0, 20, Map.of(), filter);
        assertEquals(CertificateState.NOT_YET_VALID, queries.get(0).state());
        assertEquals(CertificateState.NOT_YET_VALID, queries.get(1).state());
        assertEquals(1, counted(), calls.toString());
    }
}
