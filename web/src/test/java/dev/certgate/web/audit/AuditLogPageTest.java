package dev.certgate.web.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditLogPageTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aTypedTimeIsReadInTheBrowsersZone() {
        assertEquals(Instant.parse("2026-03-10T11:55:00Z"), AuditLogPage.instant("2026-03-10 07:55", "From",
                NEW_YORK));
        assertEquals(Instant.parse("2026-01-10T12:55:00Z"), AuditLogPage.instant(" 2026-01-10 7:55 ", "From",
                NEW_YORK), "winter time, one-digit hour");
        assertEquals(Instant.parse("2026-03-10T04:00:00Z"), AuditLogPage.instant("2026-03-10", "From", NEW_YORK),
                "a day alone is its midnight");
        assertEquals(Instant.parse("2026-03-10T11:55:30Z"), AuditLogPage.instant("2026-03-10T07:55:30", "From",
                NEW_YORK));
    }

    @Test
    void blankIsNoBound() {
        assertNull(AuditLogPage.instant("  ", "To", NEW_YORK));
        assertNull(AuditLogPage.instant(null, "To", NEW_YORK));
    }

    @Test
    void somethingElseIsRefusedWithHowToWriteIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditLogPage.instant("yesterday", "To", NEW_YORK));
        assertTrue(e.getMessage().startsWith("'To' is not a time: write it as 2026-03-10 14:30"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AuditLogPage.instant("2026-13-01", "To", NEW_YORK));
    }
}
