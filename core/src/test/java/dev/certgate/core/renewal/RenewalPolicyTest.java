package dev.certgate.core.renewal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenewalPolicyTest {

    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void renewsWhenAThirdOfTheLifetimeIsLeft() {
        assertEquals(ISSUED.plus(Duration.ofDays(60)),
                RenewalPolicy.renewAt(ISSUED, ISSUED.plus(Duration.ofDays(90)), Optional.empty()), "90 d: at 30 d left");
        assertEquals(ISSUED.plus(Duration.ofDays(4)),
                RenewalPolicy.renewAt(ISSUED, ISSUED.plus(Duration.ofDays(6)), Optional.empty()), "6 d: at 2 d left");
        assertEquals(ISSUED.plus(Duration.ofSeconds(80)),
                RenewalPolicy.renewAt(ISSUED, ISSUED.plus(Duration.ofMinutes(2)), Optional.empty()),
                "2 min: at 40 s left");
    }

    @Test
    void isDueFromTheRenewalTimeOn() {
        Instant notAfter = ISSUED.plus(Duration.ofDays(90));
        assertFalse(RenewalPolicy.isDue(ISSUED.plus(Duration.ofDays(59)), ISSUED, notAfter, Optional.empty()));
        assertTrue(RenewalPolicy.isDue(ISSUED.plus(Duration.ofDays(60)), ISSUED, notAfter, Optional.empty()));
        assertTrue(RenewalPolicy.isDue(notAfter.plusSeconds(1), ISSUED, notAfter, Optional.empty()), "expired");
    }

    @Test
    void anOpenAriWindowMakesItDueEarlier() {
        Instant notAfter = ISSUED.plus(Duration.ofDays(90));
        RenewalPolicy.AriWindow window = new RenewalPolicy.AriWindow(ISSUED.plus(Duration.ofDays(10)),
                ISSUED.plus(Duration.ofDays(11)));
        assertFalse(RenewalPolicy.isDue(ISSUED.plus(Duration.ofDays(9)), ISSUED, notAfter, Optional.of(window)));
        assertTrue(RenewalPolicy.isDue(ISSUED.plus(Duration.ofDays(10)), ISSUED, notAfter, Optional.of(window)),
                "the CA wants it renewed (e.g. it will revoke it)");
        assertEquals(window.start(), RenewalPolicy.renewAt(ISSUED, notAfter, Optional.of(window)));
    }

    @Test
    void aLaterAriWindowDoesNotDelayRenewal() {
        Instant notAfter = ISSUED.plus(Duration.ofDays(90));
        RenewalPolicy.AriWindow late = new RenewalPolicy.AriWindow(ISSUED.plus(Duration.ofDays(80)),
                ISSUED.plus(Duration.ofDays(85)));
        assertEquals(ISSUED.plus(Duration.ofDays(60)), RenewalPolicy.renewAt(ISSUED, notAfter, Optional.of(late)));
    }

    @Test
    void backsOffExponentiallyUpToACap() {
        Instant now = ISSUED;
        assertEquals(now.plus(Duration.ofMinutes(1)), RenewalPolicy.retryAt(now, 1, Optional.empty()));
        assertEquals(now.plus(Duration.ofMinutes(2)), RenewalPolicy.retryAt(now, 2, Optional.empty()));
        assertEquals(now.plus(Duration.ofMinutes(4)), RenewalPolicy.retryAt(now, 3, Optional.empty()));
        assertEquals(now.plus(Duration.ofMinutes(256)), RenewalPolicy.retryAt(now, 9, Optional.empty()));
        assertEquals(now.plus(RenewalPolicy.MAX_RETRY), RenewalPolicy.retryAt(now, 10, Optional.empty()));
        assertEquals(now.plus(RenewalPolicy.MAX_RETRY), RenewalPolicy.retryAt(now, 10_000, Optional.empty()));
    }

    @Test
    void honoursTheCasRetryAfter() {
        Instant now = ISSUED;
        Instant later = now.plus(Duration.ofHours(30));
        assertEquals(later, RenewalPolicy.retryAt(now, 1, Optional.of(later)), "longer than the cap: honoured");
        assertEquals(now.plus(Duration.ofMinutes(4)), RenewalPolicy.retryAt(now, 3, Optional.of(now.plusSeconds(5))),
                "shorter than the backoff: the backoff");
    }

    @Test
    void theLifetimeRuleFollowsTheActualLifetime() {
        Instant now = ISSUED;
        assertEquals(ISSUED.plus(Duration.ofDays(30)), RenewalPolicy.renewAt(now, ISSUED,
                ISSUED.plus(Duration.ofDays(45)), Optional.empty(), 0.5), "45 d: at 15 d left");
        assertEquals(ISSUED.plus(Duration.ofDays(4)), RenewalPolicy.renewAt(now, ISSUED,
                ISSUED.plus(Duration.ofDays(6)), Optional.empty(), 0.5), "6 d: at 2 d left");
        assertEquals(ISSUED.plus(Duration.ofSeconds(80)), RenewalPolicy.renewAt(now, ISSUED,
                ISSUED.plus(Duration.ofMinutes(2)), Optional.empty(), 0.5), "2 min: at 40 s left");
    }

    @Test
    void withAriItRenewsAtARandomMomentInsideTheWindow() {
        Instant notAfter = ISSUED.plus(Duration.ofDays(6));
        RenewalPolicy.AriWindow window = new RenewalPolicy.AriWindow(ISSUED.plus(Duration.ofDays(3)),
                ISSUED.plus(Duration.ofDays(4)));
        assertEquals(window.start(), RenewalPolicy.renewAt(ISSUED, ISSUED, notAfter, Optional.of(window), 0));
        assertEquals(window.start().plus(Duration.ofHours(12)),
                RenewalPolicy.renewAt(ISSUED, ISSUED, notAfter, Optional.of(window), 0.5));
        Instant inside = ISSUED.plus(Duration.ofDays(3)).plus(Duration.ofHours(12));
        assertEquals(inside.plus(Duration.ofHours(6)),
                RenewalPolicy.renewAt(inside, ISSUED, notAfter, Optional.of(window), 0.5),
                "an open window: from now on");
    }

    @Test
    void aWindowInThePastMeansRenewNow() {
        Instant now = ISSUED.plus(Duration.ofDays(1));
        RenewalPolicy.AriWindow past = new RenewalPolicy.AriWindow(ISSUED, ISSUED.plus(Duration.ofHours(1)));
        assertEquals(now, RenewalPolicy.renewAt(now, ISSUED, ISSUED.plus(Duration.ofDays(90)), Optional.of(past),
                0.7));
    }

    @Test
    void aWindowAfterTheEndIsIgnored() {
        Instant notAfter = ISSUED.plus(Duration.ofDays(6));
        RenewalPolicy.AriWindow late = new RenewalPolicy.AriWindow(notAfter.plusSeconds(1), notAfter.plusSeconds(9));
        assertEquals(ISSUED.plus(Duration.ofDays(4)), RenewalPolicy.renewAt(ISSUED, ISSUED, notAfter,
                Optional.of(late), 0.5));
    }

    @Test
    void theWindowIsAskedForAgainOnTheRetryAfterScheduleWithinBounds() {
        assertEquals(ISSUED.plus(RenewalPolicy.DEFAULT_ARI_CHECK), RenewalPolicy.nextAriCheck(ISSUED,
                Optional.empty()));
        assertEquals(ISSUED.plus(Duration.ofHours(2)), RenewalPolicy.nextAriCheck(ISSUED,
                Optional.of(ISSUED.plus(Duration.ofHours(2)))));
        assertEquals(ISSUED.plus(RenewalPolicy.MIN_ARI_CHECK), RenewalPolicy.nextAriCheck(ISSUED,
                Optional.of(ISSUED.plusSeconds(1))));
        assertEquals(ISSUED.plus(RenewalPolicy.MAX_ARI_CHECK), RenewalPolicy.nextAriCheck(ISSUED,
                Optional.of(ISSUED.plus(Duration.ofDays(9)))));
    }
}
