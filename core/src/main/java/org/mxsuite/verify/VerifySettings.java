package org.mxsuite.verify;

import java.time.Duration;

import org.apache.commons.configuration2.Configuration;
import org.mxsuite.config.SuiteProperties;
import org.mxsuite.domain.Durations;
import org.mxsuite.domain.InvalidSettingException;

/**
 * The {@code verify.*} keys of mxsuite.properties: how long an accepted and a refused address are remembered, how long
 * an RCPT waits for the customer's server at most before the address is taken as unknown, and how many verifications
 * run at once on this node (past it, an address not remembered is unknown at once).
 */
public final class VerifySettings {
    /** The longest an RCPT may wait: the SMTP line handler holds a command back at most 31 s for all its lookups. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);

    private final Duration acceptedFor;
    private final Duration refusedFor;
    private final Duration timeout;
    private final int maxConcurrent;

    public VerifySettings(Duration acceptedFor, Duration refusedFor, Duration timeout, int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new InvalidSettingException("verify.maxConcurrent must be at least 1, was " + maxConcurrent);
        }
        if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new InvalidSettingException("verify.timeout must be more than 0 and at most " + Durations.format(MAX_TIMEOUT));
        }
        this.acceptedFor = acceptedFor;
        this.refusedFor = refusedFor;
        this.timeout = timeout;
        this.maxConcurrent = maxConcurrent;
    }

    /** The shipped file's settings. */
    public static VerifySettings defaults() {
        return from(SuiteProperties.defaults());
    }

    public static VerifySettings from(Configuration settings) {
        Configuration configuration = SuiteProperties.withDefaults(settings);
        return new VerifySettings(remembered(configuration, "verify.acceptedFor"), remembered(configuration, "verify.refusedFor"),
            Durations.parse("verify.timeout", SuiteProperties.orDefault(configuration, "verify.timeout")),
            configuration.getInt("verify.maxConcurrent"));
    }

    private static Duration remembered(Configuration configuration, String key) {
        return Durations.parseWithin(key, SuiteProperties.orDefault(configuration, key), Duration.ofMinutes(1), Duration.ofDays(365));
    }

    public Duration acceptedFor() {
        return acceptedFor;
    }

    public Duration refusedFor() {
        return refusedFor;
    }

    /** The longest an RCPT waits for a verification. */
    public Duration timeout() {
        return timeout;
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }
}
