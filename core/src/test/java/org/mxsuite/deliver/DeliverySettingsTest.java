package org.mxsuite.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.commons.configuration2.BaseConfiguration;
import org.junit.jupiter.api.Test;

class DeliverySettingsTest {
    @Test
    void withoutSettingsTheDefaultsApply() {
        DeliverySettings settings = DeliverySettings.from(new BaseConfiguration());

        assertThat(settings.heloName()).isEmpty();
        assertThat(settings.connectionsPerDomain()).isEqualTo(8);
        assertThat(settings.probeMinInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.probeMaxInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.delayWarning()).contains(Duration.ofHours(4));
        assertThat(settings.housekeepingInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsTheSettingsAndTurnsDelayWarningsOff() {
        BaseConfiguration properties = new BaseConfiguration();
        properties.addProperty("delivery.heloName", "mx.example.net");
        properties.addProperty("delivery.probe.maxInterval", "10s");
        properties.addProperty("delivery.delayWarning", "off");

        DeliverySettings settings = DeliverySettings.from(properties);

        assertThat(settings.heloName()).contains("mx.example.net");
        assertThat(settings.probeMaxInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.delayWarning()).isEmpty();
    }
}
