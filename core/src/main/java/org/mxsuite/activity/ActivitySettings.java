package org.mxsuite.activity;

import java.time.Duration;

import org.apache.commons.configuration2.Configuration;
import org.mxsuite.config.SuiteProperties;
import org.mxsuite.domain.Durations;

/**
 * The activity series' settings ({@code activity.*} in {@code conf/mxsuite.properties}): how often each node writes
 * the deliveries, deferrals and returns it counted, and how often it samples the held messages.
 */
public final class ActivitySettings {
    /** How long the series are kept (the charts show 7 days at most; the rest is for whoever reads the tables). */
    public static final Duration RETENTION = Duration.ofDays(30);

    private final Duration flushInterval;
    private final Duration heldSampleInterval;

    public ActivitySettings(Duration flushInterval, Duration heldSampleInterval) {
        this.flushInterval = flushInterval;
        this.heldSampleInterval = heldSampleInterval;
    }

    public static ActivitySettings from(Configuration settings) {
        Configuration configuration = SuiteProperties.withDefaults(settings);
        return new ActivitySettings(interval(configuration, "activity.flushInterval"), interval(configuration, "activity.heldSampleInterval"));
    }

    private static Duration interval(Configuration configuration, String key) {
        return Durations.parseWithin(key, SuiteProperties.orDefault(configuration, key), Duration.ofSeconds(1), Duration.ofHours(1));
    }

    public Duration flushInterval() {
        return flushInterval;
    }

    public Duration heldSampleInterval() {
        return heldSampleInterval;
    }
}
