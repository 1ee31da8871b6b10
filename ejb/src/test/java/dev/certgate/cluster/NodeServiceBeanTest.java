package dev.certgate.cluster;

import dev.certgate.api.NodeService;
import dev.certgate.api.NodeView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a heartbeat row becomes what the Cluster page shows: up or down by the database's clock, lagging or not. */
class NodeServiceBeanTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static NodeRegistry.Row row(long secondsAgo, long generation) {
        return new NodeRegistry.Row("node-1", "1.0", NOW.minusSeconds(3600), NOW.minusSeconds(secondsAgo), NOW,
                generation, List.of("kek-1"), List.of("kek-1"));
    }

    @Test
    void aNodeSilentForMoreThan30SecondsIsDown() {
        NodeView fresh = NodeServiceBean.view(row(1, 7), 7);
        assertTrue(fresh.up());
        assertTrue(fresh.upToDate());
        assertEquals(1, fresh.secondsSinceHeartbeat());

        assertTrue(NodeServiceBean.view(row(NodeService.DOWN_AFTER_SECONDS, 7), 7).up(), "30 s: still up");
        NodeView silent = NodeServiceBean.view(row(NodeService.DOWN_AFTER_SECONDS + 1, 7), 7);
        assertFalse(silent.up(), "31 s: down");
        assertFalse(silent.upToDate(), "a node that is down is not up to date, whatever it served last");
    }

    @Test
    void aNodeServingAnOlderGenerationLags() {
        NodeView lagging = NodeServiceBean.view(row(0, 6), 7);
        assertTrue(lagging.up());
        assertFalse(lagging.upToDate());
        assertEquals(6, lagging.generation());
        assertEquals(7, lagging.currentGeneration());
    }

    @Test
    void aHeartbeatAheadOfTheReadersClockCountsAsJustNow() {
        NodeRegistry.Row ahead = new NodeRegistry.Row("node-2", "1.0", NOW, NOW.plusSeconds(5), NOW, 3, List.of(), List.of());
        NodeView view = NodeServiceBean.view(ahead, 3);
        assertEquals(0, view.secondsSinceHeartbeat());
        assertTrue(view.up());
        assertEquals(List.of(), view.keyIds());
    }

    @Test
    void theKeysANodeHoldsAndSealsUnderAreShownApart() {
        NodeRegistry.Row rotating = new NodeRegistry.Row("node-2", "1.0", NOW, NOW, NOW, 3,
                List.of("kek-old", "kek-new"), List.of("kek-new", "kek-old"));
        NodeView view = NodeServiceBean.view(rotating, 3);
        assertEquals(List.of("kek-old", "kek-new"), view.keyIds());
        assertEquals(List.of("kek-new", "kek-old"), view.sealingKeyIds(), "a transaction still sealing under the old");
    }
}
