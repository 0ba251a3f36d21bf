package org.mxsuite.limit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The periods a counter starts again from zero: hours, days and calendar months, all in UTC. */
public enum Window {
    HOUR("hourly"),
    DAY("daily"),
    MONTH("monthly");

    private final String adjective;

    Window(String adjective) {
        this.adjective = adjective;
    }

    /** "hourly", "daily", "monthly": how replies name the limit. */
    public String adjective() {
        return adjective;
    }

    /** The start of the period {@code at} falls in. */
    public Instant start(Instant at) {
        switch (this) {
            case HOUR:
                return at.truncatedTo(ChronoUnit.HOURS);
            case DAY:
                return at.truncatedTo(ChronoUnit.DAYS);
            default:
                return LocalDate.ofInstant(at, ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    /** When the period {@code at} falls in ends, and its count starts again from zero. */
    public Instant end(Instant at) {
        Instant start = start(at);
        switch (this) {
            case HOUR:
                return start.plus(1, ChronoUnit.HOURS);
            case DAY:
                return start.plus(1, ChronoUnit.DAYS);
            default:
                return LocalDate.ofInstant(start, ZoneOffset.UTC).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }
}
