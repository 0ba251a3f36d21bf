package org.mxsuite.scan;

import java.time.Duration;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;
import org.mxsuite.domain.ByteSizes;
import org.mxsuite.domain.Durations;
import org.mxsuite.config.SuiteProperties;

/**
 * One scanner's keys in {@code mxsuite.properties}, under its prefix ({@code virusScan.*}, {@code spamScan.*}): its
 * address (none: no scanning), how long one scan may take, the largest message scanned (larger ones are accepted
 * unscanned and marked), and what a scan without a verdict does.
 */
public final class ScannerSettings {
    public static final String VIRUS_SCAN = "virusScan";
    public static final String SPAM_SCAN = "spamScan";

    private final String prefix;
    private final Optional<String> address;
    private final Duration timeout;
    private final long maxSize;
    private final ScannerFailureAction onFailure;

    public ScannerSettings(String prefix, Optional<String> address, Duration timeout, long maxSize, ScannerFailureAction onFailure) {
        this.prefix = prefix;
        this.address = address;
        this.timeout = timeout;
        this.maxSize = maxSize;
        this.onFailure = onFailure;
    }

    /** clamd's, {@code virusScan.*} (the default maxSize is clamd's own default StreamMaxLength). */
    public static ScannerSettings virusScan(Configuration configuration) {
        return from(configuration, VIRUS_SCAN, "clamd");
    }

    /** rspamd's, {@code spamScan.*}. */
    public static ScannerSettings spamScan(Configuration configuration) {
        return from(configuration, SPAM_SCAN, "rspamd");
    }

    private static ScannerSettings from(Configuration settings, String prefix, String addressKey) {
        Configuration configuration = SuiteProperties.withDefaults(settings);
        String address = String.join(",", configuration.getStringArray(prefix + "." + addressKey)).trim();
        return new ScannerSettings(prefix, address.isEmpty() ? Optional.empty() : Optional.of(address),
            Durations.parseWithin(prefix + ".timeout", configuration.getString(prefix + ".timeout"), Duration.ofSeconds(1), Duration.ofMinutes(5)),
            ByteSizes.parse(prefix + ".maxSize", configuration.getString(prefix + ".maxSize")),
            ScannerFailureAction.parse(prefix + ".onFailure", configuration.getString(prefix + ".onFailure")));
    }

    /** {@code virusScan} or {@code spamScan}: where the keys are, for error messages. */
    public String prefix() {
        return prefix;
    }

    /** The scanner's address as configured; none: this scan is off. */
    public Optional<String> address() {
        return address;
    }

    public Duration timeout() {
        return timeout;
    }

    public long maxSize() {
        return maxSize;
    }

    public ScannerFailureAction onFailure() {
        return onFailure;
    }
}
