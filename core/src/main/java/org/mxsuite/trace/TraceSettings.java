package org.mxsuite.trace;

import java.time.Duration;

import org.apache.commons.configuration2.Configuration;
import org.mxsuite.config.SuiteProperties;
import org.mxsuite.domain.InvalidSettingException;

/**
 * The delivery trace's settings ({@code trace.*} in {@code conf/mxsuite.properties}): whether it is recorded, how many
 * days it is kept, and how many events may wait in memory for the writer before new ones are dropped.
 */
public final class TraceSettings {
    private final boolean enabled;
    private final int retentionDays;
    private final int queueCapacity;

    public TraceSettings(boolean enabled, int retentionDays, int queueCapacity) {
        if (retentionDays < 1) {
            throw new InvalidSettingException("trace.retentionDays must be at least 1");
        }
        if (queueCapacity < 1) {
            throw new InvalidSettingException("trace.queueCapacity must be at least 1");
        }
        this.enabled = enabled;
        this.retentionDays = retentionDays;
        this.queueCapacity = queueCapacity;
    }

    public static TraceSettings from(Configuration settings) {
        Configuration configuration = SuiteProperties.withDefaults(settings);
        return new TraceSettings(configuration.getBoolean("trace.enabled"), configuration.getInt("trace.retentionDays"),
            configuration.getInt("trace.queueCapacity"));
    }

    public boolean enabled() {
        return enabled;
    }

    public Duration retention() {
        return Duration.ofDays(retentionDays);
    }

    public int queueCapacity() {
        return queueCapacity;
    }
}
