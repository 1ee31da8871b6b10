package dev.certgate.acme;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PollingTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void startsFastAndDoublesUpToACap() {
        assertEquals(Duration.ofMillis(50), Polling.waitBefore(1, Optional.empty(), NOW));
        assertEquals(Duration.ofMillis(100), Polling.waitBefore(2, Optional.empty(), NOW));
        assertEquals(Duration.ofMillis(800), Polling.waitBefore(5, Optional.empty(), NOW));
        assertEquals(Polling.MAX_WAIT, Polling.waitBefore(7, Optional.empty(), NOW));
        assertEquals(Polling.MAX_WAIT, Polling.waitBefore(1000, Optional.empty(), NOW));
    }

    @Test
    void honoursTheCasRetryAfter() {
        assertEquals(Duration.ofSeconds(5), Polling.waitBefore(1, Optional.of(NOW.plusSeconds(5)), NOW),
                "longer than our own wait: the CA's");
        assertEquals(Duration.ofMillis(300), Polling.waitBefore(7, Optional.of(NOW.plusMillis(300)), NOW),
                "shorter: the CA says it is ready sooner");
        assertEquals(Duration.ofMillis(50), Polling.waitBefore(1, Optional.of(NOW.minusSeconds(1)), NOW),
                "in the past: our own");
    }
}
