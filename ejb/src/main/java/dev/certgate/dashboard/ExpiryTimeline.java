package dev.certgate.dashboard;

import dev.certgate.api.DashboardSummary.ExpiryWeek;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Dashboard's expiry timeline: the database counts the certificates ending on each day (one GROUP BY), this
 * folds those days into weeks, the first starting today, every week listed (an empty week is a bar of 0).
 */
final class ExpiryTimeline {

    private ExpiryTimeline() {
    }

    /**
     * @param today  the first day of the first week
     * @param days   how many days after {@code today} the timeline reaches: its last day is {@code today + days}
     * @param perDay the certificates ending on each day, days without any left out
     * @throws IllegalArgumentException for a day outside the timeline (the query and the timeline disagree: a bug)
     */
    static List<ExpiryWeek> weeks(LocalDate today, int days, Map<LocalDate, Long> perDay) {
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(perDay, "perDay");
        if (days < 0) {
            throw new IllegalArgumentException("days must be 0 or more, not " + days);
        }
        LocalDate last = today.plusDays(days);
        int weeks = days / 7 + 1;
        long[] counts = new long[weeks];
        perDay.forEach((day, count) -> {
            if (day.isBefore(today) || day.isAfter(last)) {
                throw new IllegalArgumentException(day + " is outside the timeline " + today + " to " + last);
            }
            counts[(int) (ChronoUnit.DAYS.between(today, day) / 7)] += count;
        });
        List<ExpiryWeek> timeline = new ArrayList<>(weeks);
        for (int week = 0; week < weeks; week++) {
            LocalDate from = today.plusDays(7L * week);
            LocalDate to = from.plusDays(6).isAfter(last) ? last : from.plusDays(6);
            timeline.add(new ExpiryWeek(from, to, counts[week]));
        }
        return timeline;
    }
}
