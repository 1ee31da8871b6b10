package dev.certgate.cluster;

import dev.certgate.api.NodeService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which nodes a live node reports as down, from the heartbeat rows. */
class NodeWatchTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration LONG_ENOUGH = Duration.ofSeconds(NodeService.DOWN_AFTER_SECONDS + 1);

    private static NodeRegistry.Row row(String name, long secondsAgo) {
        return new NodeRegistry.Row(name, "1.0", NOW.minusSeconds(3600), NOW.minusSeconds(secondsAgo), NOW, 7,
                List.of("kek-1"), List.of("kek-1"));
    }

    private static List<String> down(List<NodeRegistry.Row> rows, String self, Duration watched) {
        return NodeWatch.down(rows, self, watched).map(r -> r.stream().map(NodeRegistry.Row::name).toList())
                .orElse(null);
    }

    @Test
    void aNodeSilentPastTheLimitIsDownOneOnTheLimitIsNot() {
        List<NodeRegistry.Row> rows = List.of(row("node-a", 0), row("node-b", NodeService.DOWN_AFTER_SECONDS + 1),
                row("node-c", NodeService.DOWN_AFTER_SECONDS));
        assertEquals(List.of("node-b"), down(rows, "node-a", LONG_ENOUGH));
    }

    @Test
    void everyLiveNodeSeesTheSameDownNode() {
        List<NodeRegistry.Row> rows = List.of(row("node-a", 1), row("node-b", 120), row("node-c", 0));
        assertEquals(List.of("node-b"), down(rows, "node-a", LONG_ENOUGH));
        assertEquals(List.of("node-b"), down(rows, "node-c", LONG_ENOUGH));
    }

    @Test
    void aNodeNeverReportsItself() {
        // its own row is old when its heartbeat could not be written for a while (the database was away)
        assertEquals(List.of(), down(List.of(row("node-a", 90), row("node-b", 0)), "node-a", LONG_ENOUGH));
    }

    @Test
    void aRemovedNodeHasNoRowAndIsNotReported() {
        assertEquals(List.of(), down(List.of(row("node-a", 0)), "node-a", LONG_ENOUGH));
    }

    @Test
    void nothingIsJudgedBeforeTheWatcherHasWatchedPastTheLimit() {
        List<NodeRegistry.Row> rows = List.of(row("node-a", 0), row("node-b", 300));
        assertEquals(Optional.empty(), NodeWatch.down(rows, "node-a",
                Duration.ofSeconds(NodeService.DOWN_AFTER_SECONDS)), "just started, or the database just came back");
        assertEquals(List.of("node-b"), down(rows, "node-a", LONG_ENOUGH));
    }
}
