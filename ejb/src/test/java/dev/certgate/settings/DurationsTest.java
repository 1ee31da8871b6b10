package dev.certgate.settings;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationsTest {

    @Test
    void oneSyntaxWithFiveUnitsAndSecondsByDefault() {
        assertEquals(Optional.of(Duration.ofMillis(500)), Durations.parse("500ms"));
        assertEquals(Optional.of(Duration.ofSeconds(5)), Durations.parse("5s"));
        assertEquals(Optional.of(Duration.ofMinutes(2)), Durations.parse("2m"));
        assertEquals(Optional.of(Duration.ofHours(1)), Durations.parse("1h"));
        assertEquals(Optional.of(Duration.ofDays(1)), Durations.parse("1d"));
        assertEquals(Optional.of(Duration.ofSeconds(30)), Durations.parse(" 30 "));
        assertEquals(Optional.of(Duration.ofDays(9_999_999_999L)), Durations.parse("9999999999d"), "no overflow");
        for (String bad : new String[]{"", "h", "-1s", "1.5s", "1H", "5 minutes", "PT1H", "99999999999", "1h30m"}) {
            assertEquals(Optional.empty(), Durations.parse(bad), bad);
        }
    }

    @Test
    void iso8601IsRecognisedSeparately() {
        assertTrue(Durations.isIso8601(" PT1H"));
        assertTrue(Durations.isIso8601("p1d"));
        assertFalse(Durations.isIso8601("1h"));
        assertEquals(Optional.of(Duration.ofMinutes(15)), Durations.parseIso8601("PT15M"));
        assertEquals(Optional.empty(), Durations.parseIso8601("-PT15M"));
        assertEquals(Optional.empty(), Durations.parseIso8601("PT"));
    }

    @Test
    void formatPicksTheLargestExactUnit() {
        assertEquals("1h", Durations.format(Duration.ofHours(1)));
        assertEquals("90m", Durations.format(Duration.ofMinutes(90)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("2d", Durations.format(Duration.ofDays(2)));
        assertEquals("61s", Durations.format(Duration.ofSeconds(61)));
        assertEquals("0ms", Durations.format(Duration.ZERO));
        for (String text : new String[]{"1h", "90m", "1500ms", "2d", "61s"}) {
            assertEquals(text, Durations.format(Durations.parse(text).orElseThrow()), "round trip");
        }
    }
}
