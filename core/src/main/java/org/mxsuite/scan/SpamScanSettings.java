package org.mxsuite.scan;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;
import org.mxsuite.domain.ByteSizes;
import org.mxsuite.domain.Durations;

/**
 * The {@code spamScan.*} keys of {@code mxsuite.properties}: rspamd's address (none: no spam scanning), how long a
 * check may take, the largest message checked, and what an unreachable rspamd does (accept by default).
 */
public final class SpamScanSettings {
    private final Optional<URI> rspamd;
    private final Duration timeout;
    private final long maxSize;
    private final ScannerFailureAction onFailure;

    public SpamScanSettings(Optional<URI> rspamd, Duration timeout, long maxSize, ScannerFailureAction onFailure) {
        this.rspamd = rspamd;
        this.timeout = timeout;
        this.maxSize = maxSize;
        this.onFailure = onFailure;
    }

    public static SpamScanSettings from(Configuration configuration) {
        String rspamd = String.join(",", configuration.getStringArray("spamScan.rspamd")).trim();
        return new SpamScanSettings(
            rspamd.isEmpty() ? Optional.empty() : Optional.of(RspamdClient.parseAddress("spamScan.rspamd", rspamd)),
            Durations.parseWithin("spamScan.timeout", configuration.getString("spamScan.timeout", "15s"), Duration.ofSeconds(1), Duration.ofMinutes(5)),
            ByteSizes.parse("spamScan.maxSize", configuration.getString("spamScan.maxSize", "10MiB")),
            ScannerFailureAction.parse("spamScan.onFailure", configuration.getString("spamScan.onFailure", "accept")));
    }

    public Optional<URI> rspamd() {
        return rspamd;
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
