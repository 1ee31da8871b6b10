package dev.certgate.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CertificateStateTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static CertificateState at(Duration sinceStart, Duration untilEnd) {
        return CertificateState.of(NOW.minus(sinceStart), NOW.plus(untilEnd), NOW);
    }

    @Test
    void aCertificateWhoseStartIsAheadIsNotYetValidWhateverItsEnd() {
        assertEquals(CertificateState.NOT_YET_VALID, at(Duration.ofDays(-1), Duration.ofDays(365)));
        assertEquals(CertificateState.NOT_YET_VALID, at(Duration.ofSeconds(-1), Duration.ofDays(10)),
                "one second ahead, ending within the expiring window");
    }

    @Test
    void theBoundsAreInclusiveAsInX509() {
        assertEquals(CertificateState.VALID, at(Duration.ZERO, Duration.ofDays(90)), "starting this instant");
        assertEquals(CertificateState.EXPIRING, at(Duration.ofDays(80), Duration.ZERO), "ending this instant");
        assertEquals(CertificateState.EXPIRED, at(Duration.ofDays(80), Duration.ofSeconds(-1)));
    }

    @Test
    void aBegunCertificateIsExpiringOrValidByWhatIsLeft() {
        assertEquals(CertificateState.EXPIRING, at(Duration.ofDays(1), Duration.ofDays(CertificateState.EXPIRING_DAYS)
                .minusSeconds(1)));
        assertEquals(CertificateState.VALID, at(Duration.ofDays(1), Duration.ofDays(CertificateState.EXPIRING_DAYS)));
    }

    @Test
    void theNewStateIsNamedOnTheWireAndInTheListFilter() throws Exception {
        assertEquals(CertificateState.NOT_YET_VALID, CertificateState.parse("not_yet_valid"));
        assertEquals("NOT_YET_VALID", new CertificateState.Json().adaptToJson(CertificateState.NOT_YET_VALID));
        assertEquals(CertificateState.VALID, CertificateState.parse("VALID"), "the older names are unchanged");
    }
}
