package dev.certgate.health;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Readiness's lag rule: behind is fine for the grace period, lagging after it; a node that keeps up never lags. */
class LagRuleTest {

    private static final Duration GRACE = Duration.ofSeconds(10);

    /** A clock the test moves. */
    private static final class FakeClock extends Clock {
        private Instant now = Instant.parse("2026-12-02T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this; // the rule reads instants only, which no zone changes
        }
    }

    private final FakeClock clock = new FakeClock();
    private final LagRule rule = new LagRule(GRACE, clock);

    @Test
    void caughtUpIsReady() {
        LagRule.Verdict verdict = rule.look(7, 7);
        assertTrue(verdict.ready());
        assertEquals("caught up: serves generation 7", verdict.data());
        assertTrue(rule.look(8, 7).ready(), "ahead of what was read (a change committed meanwhile) is caught up");
    }

    @Test
    void behindIsReadyForTheGracePeriodThenLagging() {
        assertEquals(new LagRule.Verdict(true, "catching up: serves generation 5, latest 7, for 0 s"),
                rule.look(5, 7));
        clock.advance(GRACE);
        assertEquals(new LagRule.Verdict(true, "catching up: serves generation 5, latest 7, for 10 s"),
                rule.look(5, 7), "the grace period itself is still ready");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(new LagRule.Verdict(false, "lagging: serves generation 5, latest 7, for 11 s"),
                rule.look(5, 7));
        clock.advance(Duration.ofSeconds(30));
        LagRule.Verdict later = rule.look(6, 9);
        assertFalse(later.ready(), "still missing generation 7, first seen missing 41 s ago: " + later);
        assertEquals("lagging: serves generation 6, latest 9, for 41 s", later.data());
    }

    @Test
    void caughtUpEndsTheCountAndTheNextLagCountsAfresh() {
        rule.look(5, 7);
        clock.advance(Duration.ofSeconds(60));
        assertFalse(rule.look(5, 7).ready());
        assertTrue(rule.look(7, 7).ready());
        clock.advance(Duration.ofSeconds(60));
        assertEquals(new LagRule.Verdict(true, "catching up: serves generation 7, latest 8, for 0 s"),
                rule.look(7, 8));
    }

    @Test
    void aBusyNodeThatKeepsServingEachChangeItMissedNeverLags() {
        // a change every few seconds, each looked at before this node served it, for five minutes
        long served = 0;
        for (int second = 0; second < 300; second += 4) {
            LagRule.Verdict verdict = rule.look(served, served + 2);
            assertTrue(verdict.ready(), "at " + second + " s: " + verdict);
            served += 2; // served what it was missing by the next look, but a newer change is out again
            clock.advance(Duration.ofSeconds(4));
        }
    }

    @Test
    void aNodeThatServesNothingNewLagsEvenWhileChangesKeepComing() {
        long latest = 10;
        for (int second = 0; second <= 10; second += 2) {
            assertTrue(rule.look(3, latest++).ready(), "within the grace period at " + second + " s");
            clock.advance(Duration.ofSeconds(2));
        }
        LagRule.Verdict verdict = rule.look(3, latest);
        assertFalse(verdict.ready(), verdict.toString());
        assertEquals("lagging: serves generation 3, latest 16, for 12 s", verdict.data());
    }

    @Test
    void aNegativeGraceIsABug() {
        assertThrows(IllegalArgumentException.class, () -> new LagRule(Duration.ofSeconds(-1), clock));
    }
}
