package io.argus.analytics.rules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * When a rule is armed: always when there are no windows, else during any window, in the site's time zone.
 */
public record Schedule(ZoneId timeZone, List<Window> windows) {
    public static final Schedule ALWAYS = new Schedule(ZoneId.of("UTC"), List.of());

    /**
     * Armed from {@code from} to {@code to} (exclusive) on the given days; a window whose end is not after its start
     * runs past midnight into the next day (22:00–06:00 armed on Friday covers Friday night to Saturday morning).
     */
    public record Window(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
        public Window {
            days = days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
        }

        boolean contains(ZonedDateTime t) {
            LocalTime time = t.toLocalTime();
            if (from.isBefore(to)) {
                return days.contains(t.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
            }
            return (days.contains(t.getDayOfWeek()) && !time.isBefore(from))
                    || (days.contains(t.getDayOfWeek().minus(1)) && time.isBefore(to));
        }
    }

    public Schedule {
        windows = List.copyOf(windows);
    }

    public boolean armedAt(Instant instant) {
        if (windows.isEmpty()) {
            return true;
        }
        ZonedDateTime t = instant.atZone(timeZone);
        return windows.stream().anyMatch(w -> w.contains(t));
    }
}
