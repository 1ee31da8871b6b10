package dev.certgate.acme;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RenewalTimerTest {

    @Test
    void theIntervalIsAnIsoDurationOfAtLeastTenSecondsAndAnHourByDefault() {
        assertEquals(Duration.ofHours(1), RenewalTimer.interval(null));
        assertEquals(Duration.ofHours(1), RenewalTimer.interval(" "));
        assertEquals(Duration.ofMinutes(15), RenewalTimer.interval(" PT15M "));
        assertEquals(Duration.ofHours(6), RenewalTimer.interval("PT6H"));
        assertEquals(Duration.ofSeconds(10), RenewalTimer.interval("PT1S"), "never more often than every 10 s");
        assertEquals(Duration.ofHours(1), RenewalTimer.interval("15 minutes"), "not a duration: the default");
    }
}
