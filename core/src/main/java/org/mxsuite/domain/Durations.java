package org.mxsuite.domain;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as administrators write them: {@code 30s}, {@code 10m}, {@code 4h}, {@code 14d}. */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})\\s*([smhd])");

    private Durations() {
    }

    public static Duration parse(String name, String raw) {
        Matcher matcher = FORMAT.matcher(raw == null ? "" : raw.trim());
        if (!matcher.matches()) {
            throw new InvalidSettingException(name + " '" + raw + "' is not a duration such as 30s, 10m, 4h or 14d");
        }
        long amount = Long.parseLong(matcher.group(1));
        switch (matcher.group(2)) {
            case "s":
                return Duration.ofSeconds(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            default:
                return Duration.ofDays(amount);
        }
    }

    public static Duration parseWithin(String name, String raw, Duration min, Duration max) {
        Duration duration = parse(name, raw);
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw new InvalidSettingException(name + " '" + raw + "' must be between " + format(min) + " and " + format(max));
        }
        return duration;
    }

    /** The largest whole unit: 600s prints as 10m, 90m as 90m. */
    public static String format(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds != 0 && seconds % 86400 == 0) {
            return seconds / 86400 + "d";
        }
        if (seconds != 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
