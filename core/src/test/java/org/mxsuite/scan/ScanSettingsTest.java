package org.mxsuite.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.apache.commons.configuration2.BaseConfiguration;
import org.junit.jupiter.api.Test;

class ScanSettingsTest {
    @Test
    void clamdEndpointsAreParsed() {
        assertThat(ClamdEndpoint.parse("k", "127.0.0.1:3310")).hasToString("127.0.0.1:3310");
        assertThat(ClamdEndpoint.parse("k", "clamav:3310")).hasToString("clamav:3310");
        assertThat(ClamdEndpoint.parse("k", "[::1]:3310")).hasToString("::1:3310");
        assertThat(ClamdEndpoint.parse("k", "unix:/run/clamav/clamd.ctl")).hasToString("unix:/run/clamav/clamd.ctl");
        assertThat(ClamdEndpoint.parse("k", "/run/clamav/clamd.ctl")).hasToString("unix:/run/clamav/clamd.ctl");
        assertThatThrownBy(() -> ClamdEndpoint.parse("virusScan.clamd", "clamav")).hasMessageContaining("virusScan.clamd");
        assertThatThrownBy(() -> ClamdEndpoint.parse("virusScan.clamd", "clamav:0")).hasMessageContaining("host:port");
    }

    @Test
    void nothingConfiguredMeansNoScanning() {
        BaseConfiguration empty = new BaseConfiguration();

        VirusScanSettings virus = VirusScanSettings.from(empty);
        SpamScanSettings spam = SpamScanSettings.from(empty);

        assertThat(virus.clamd()).isEmpty();
        assertThat(virus.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(virus.maxSize()).isEqualTo(25L << 20);
        assertThat(virus.onFailure()).isEqualTo(ScannerFailureAction.DEFER);
        assertThat(spam.rspamd()).isEmpty();
        assertThat(spam.maxSize()).isEqualTo(10L << 20);
        assertThat(spam.onFailure()).isEqualTo(ScannerFailureAction.ACCEPT);
    }

    @Test
    void everyKeyIsRead() {
        BaseConfiguration configuration = new BaseConfiguration();
        configuration.addProperty("virusScan.clamd", "clamav:3310");
        configuration.addProperty("virusScan.timeout", "10s");
        configuration.addProperty("virusScan.maxSize", "5MB");
        configuration.addProperty("virusScan.onFailure", "accept");
        configuration.addProperty("spamScan.rspamd", "http://rspamd:11333");
        configuration.addProperty("spamScan.onFailure", "DEFER");

        VirusScanSettings virus = VirusScanSettings.from(configuration);
        SpamScanSettings spam = SpamScanSettings.from(configuration);

        assertThat(virus.clamd().orElseThrow()).hasToString("clamav:3310");
        assertThat(virus.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(virus.maxSize()).isEqualTo(5_000_000L);
        assertThat(virus.onFailure()).isEqualTo(ScannerFailureAction.ACCEPT);
        assertThat(spam.rspamd()).contains(URI.create("http://rspamd:11333"));
        assertThat(spam.onFailure()).isEqualTo(ScannerFailureAction.DEFER);
    }

    @Test
    void badValuesNameTheirKey() {
        BaseConfiguration configuration = new BaseConfiguration();
        configuration.addProperty("spamScan.rspamd", "rspamd:11333");
        assertThatThrownBy(() -> SpamScanSettings.from(configuration)).hasMessageContaining("spamScan.rspamd");

        BaseConfiguration failure = new BaseConfiguration();
        failure.addProperty("virusScan.onFailure", "pass");
        assertThatThrownBy(() -> VirusScanSettings.from(failure)).hasMessageContaining("virusScan.onFailure");
    }
}
