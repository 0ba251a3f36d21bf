package org.mxsuite.scan;

import java.time.Duration;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;
import org.mxsuite.domain.ByteSizes;
import org.mxsuite.domain.Durations;

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

    /** clamd: 30 s, 25 MiB (clamd's own default StreamMaxLength), and no mail accepted unscanned when it fails. */
    public static ScannerSettings virusScan(Configuration configuration) {
        return from(configuration, VIRUS_SCAN, "clamd", "30s", "25MiB", ScannerFailureAction.DEFER);
    }

    /** rspamd: 15 s, 10 MiB, and mail accepted unscored when it fails. */
    public static ScannerSettings spamScan(Configuration configuration) {
        return from(configuration, SPAM_SCAN, "rspamd", "15s", "10MiB", ScannerFailureAction.ACCEPT);
    }

    private static ScannerSettings from(Configuration configuration, String prefix, String addressKey, String timeout, String maxSize,
                                        ScannerFailureAction onFailure) {
        String address = String.join(",", configuration.getStringArray(prefix + "." + addressKey)).trim();
        return new ScannerSettings(prefix, address.isEmpty() ? Optional.empty() : Optional.of(address),
            Durations.parseWithin(prefix + ".timeout", configuration.getString(prefix + ".timeout", timeout), Duration.ofSeconds(1), Duration.ofMinutes(5)),
            ByteSizes.parse(prefix + ".maxSize", configuration.getString(prefix + ".maxSize", maxSize)),
            configuration.containsKey(prefix + ".onFailure")
                ? ScannerFailureAction.parse(prefix + ".onFailure", configuration.getString(prefix + ".onFailure")) : onFailure);
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
