package dev.certgate.web.audit;

import dev.certgate.api.AuditPage;
import dev.certgate.api.AuditQuery;
import dev.certgate.api.AuditService;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The audit table's model against a fake service that records its calls (no server: pure logic). */
class AuditEntriesTest {

    private final List<String> calls = new ArrayList<>();
    private final List<AuditQuery> queries = new ArrayList<>();

    private final AuditService service = (AuditService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {AuditService.class}, (proxy, method, args) -> {
                calls.add(method.getName());
                queries.add((AuditQuery) args[0]);
                return switch (method.getName()) {
                    case "count" -> 7L;
                    case "entries" -> List.of();
                    case "search" -> new AuditPage(List.of(), 7);
                    default -> throw new AssertionError("the table has no business calling " + method);
                };
            });

    @Test
    void aRefreshCountsOnceAndReadsItsPageWithoutCountingAgain() {
        AuditLogPage.Entries entries = new AuditLogPage(service).getEntries();
        // what the data table does on each refresh (PrimeFaces 15, DataTable#loadLazyScrollData): count, then load
        assertEquals(7, entries.count(Map.of()));
        assertEquals(List.of(), entries.load(50, 25, Map.of(), Map.of()));
        long counted = calls.stream().filter(name -> name.equals("count") || name.equals("search")).count();
        assertEquals(1, counted, "the count query ran " + counted + " times: " + calls);
        assertEquals(List.of("count", "entries"), calls);
        assertEquals(2, queries.get(1).page());
        assertEquals(25, queries.get(1).size());
    }
}
