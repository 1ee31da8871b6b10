package dev.certgate.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DatesTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void aCertificateNotBegunSaysWhenItStarts() {
        Instant end = NOW.plus(Duration.ofDays(100));
        assertEquals("not yet valid: starts in 2 days", Dates.stateText(NOW.plus(Duration.ofDays(2)).plusSeconds(5),
                end, NOW));
        assertEquals("not yet valid: starts in 1 day", Dates.stateText(NOW.plus(Duration.ofHours(30)), end, NOW));
        assertEquals("not yet valid: starts within a day", Dates.stateText(NOW.plusSeconds(60), end, NOW));
        assertEquals("cg-not_yet_valid", Dates.stateStyle(NOW.plusSeconds(60), end, NOW));
    }

    @Test
    void aBegunCertificateIsWordedByItsEndAsBefore() {
        Instant start = NOW.minus(Duration.ofDays(10));
        assertEquals("expires in 12 days", Dates.stateText(start, NOW.plus(Duration.ofDays(12)).plusSeconds(5), NOW));
        assertEquals("expired 3 days ago", Dates.stateText(start.minus(Duration.ofDays(90)),
                NOW.minus(Duration.ofDays(3)), NOW));
        assertEquals("", Dates.stateText(start, NOW.plus(Duration.ofDays(60)), NOW));
        assertEquals("cg-valid", Dates.stateStyle(start, NOW.plus(Duration.ofDays(60)), NOW));
    }
}
