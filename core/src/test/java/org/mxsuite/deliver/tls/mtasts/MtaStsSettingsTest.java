package org.mxsuite.deliver.tls.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.commons.configuration2.BaseConfiguration;
import org.junit.jupiter.api.Test;

class MtaStsSettingsTest {
    @Test
    void theShippedDefaults() {
        MtaStsSettings settings = MtaStsSettings.from(new BaseConfiguration());

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.fetchTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.txtCacheTime()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void setValues() {
        BaseConfiguration configuration = new BaseConfiguration();
        configuration.addProperty("delivery.mtaSts.enabled", "false");
        configuration.addProperty("delivery.mtaSts.fetchTimeout", "3s");
        configuration.addProperty("delivery.mtaSts.txtCacheTime", "5m");

        MtaStsSettings settings = MtaStsSettings.from(configuration);

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.fetchTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.txtCacheTime()).isEqualTo(Duration.ofMinutes(5));
    }
}
