package org.mxsuite.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

        ScannerSettings virus = ScannerSettings.virusScan(empty);
        ScannerSettings spam = ScannerSettings.spamScan(empty);

        assertThat(virus.address()).isEmpty();
        assertThat(virus.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(virus.maxSize()).isEqualTo(25L << 20);
        assertThat(virus.onFailure()).isEqualTo(ScannerFailureAction.DEFER);
        assertThat(spam.address()).isEmpty();
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

        ScannerSettings virus = ScannerSettings.virusScan(configuration);
        ScannerSettings spam = ScannerSettings.spamScan(configuration);

        assertThat(virus.address()).contains("clamav:3310");
        assertThat(virus.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(virus.maxSize()).isEqualTo(5_000_000L);
        assertThat(virus.onFailure()).isEqualTo(ScannerFailureAction.ACCEPT);
        assertThat(spam.address()).contains("http://rspamd:11333");
        assertThat(spam.timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(spam.onFailure()).isEqualTo(ScannerFailureAction.DEFER);
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> RspamdClient.parseAddress("spamScan.rspamd", "rspamd:11333")).hasMessageContaining("spamScan.rspamd");

        BaseConfiguration failure = new BaseConfiguration();
        failure.addProperty("virusScan.onFailure", "pass");
        assertThatThrownBy(() -> ScannerSettings.virusScan(failure)).hasMessageContaining("virusScan.onFailure");
    }
}
