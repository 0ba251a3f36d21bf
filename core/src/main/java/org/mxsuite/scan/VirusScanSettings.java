package org.mxsuite.scan;

import java.time.Duration;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;
import org.mxsuite.domain.ByteSizes;
import org.mxsuite.domain.Durations;

/**
 * The {@code virusScan.*} keys of {@code mxsuite.properties}: where clamd listens (none: no virus scanning), how
 * long a scan may take, the largest message scanned (larger ones are accepted unscanned and marked), and what a
 * scanner failure does (defer by default).
 */
public final class VirusScanSettings {
    private final Optional<ClamdEndpoint> clamd;
    private final Duration timeout;
    private final long maxSize;
    private final ScannerFailureAction onFailure;

    public VirusScanSettings(Optional<ClamdEndpoint> clamd, Duration timeout, long maxSize, ScannerFailureAction onFailure) {
        this.clamd = clamd;
        this.timeout = timeout;
        this.maxSize = maxSize;
        this.onFailure = onFailure;
    }

    public static VirusScanSettings from(Configuration configuration) {
        String clamd = String.join(",", configuration.getStringArray("virusScan.clamd")).trim();
        return new VirusScanSettings(
            clamd.isEmpty() ? Optional.empty() : Optional.of(ClamdEndpoint.parse("virusScan.clamd", clamd)),
            Durations.parseWithin("virusScan.timeout", configuration.getString("virusScan.timeout", "30s"), Duration.ofSeconds(1), Duration.ofMinutes(5)),
            ByteSizes.parse("virusScan.maxSize", configuration.getString("virusScan.maxSize", "25MiB")),
            ScannerFailureAction.parse("virusScan.onFailure", configuration.getString("virusScan.onFailure", "defer")));
    }

    public Optional<ClamdEndpoint> clamd() {
        return clamd;
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
