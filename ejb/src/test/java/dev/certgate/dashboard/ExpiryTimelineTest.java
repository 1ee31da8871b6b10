package dev.certgate.dashboard;

import dev.certgate.api.DashboardSummary.ExpiryWeek;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExpiryTimelineTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-02");

    @Test
    void ninetyDaysAreThirteenFullWeeksFromTodayEveryOneListed() {
        List<ExpiryWeek> weeks = ExpiryTimeline.weeks(TODAY, 90, Map.of());
        assertEquals(13, weeks.size());
        assertEquals(new ExpiryWeek(TODAY, LocalDate.parse("2026-12-08"), 0), weeks.get(0));
        assertEquals(new ExpiryWeek(TODAY.plusDays(84), TODAY.plusDays(90), 0), weeks.get(12), "the last day closes it");
    }

    @Test
    void eachDayCountsInItsWeek() {
        List<ExpiryWeek> weeks = ExpiryTimeline.weeks(TODAY, 90, Map.of(
                TODAY, 2L, TODAY.plusDays(6), 1L, TODAY.plusDays(7), 5L, TODAY.plusDays(90), 3L));
        assertEquals(3, weeks.get(0).count(), "today and the sixth day after");
        assertEquals(5, weeks.get(1).count());
        assertEquals(3, weeks.get(12).count());
        assertEquals(11, weeks.stream().mapToLong(ExpiryWeek::count).sum());
    }

    @Test
    void aShorterTimelineEndsWithAPartWeek() {
        List<ExpiryWeek> weeks = ExpiryTimeline.weeks(TODAY, 9, Map.of(TODAY.plusDays(9), 4L));
        assertEquals(2, weeks.size());
        assertEquals(new ExpiryWeek(TODAY.plusDays(7), TODAY.plusDays(9), 4), weeks.get(1));
    }

    @Test
    void aDayOutsideTheTimelineIsABug() {
        assertThrows(IllegalArgumentException.class, () -> ExpiryTimeline.weeks(TODAY, 90,
                Map.of(TODAY.plusDays(91), 1L)));
        assertThrows(IllegalArgumentException.class, () -> ExpiryTimeline.weeks(TODAY, 90,
                Map.of(TODAY.minusDays(1), 1L)));
    }
}
