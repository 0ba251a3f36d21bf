package org.mxsuite.deliver.tls.dane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.configuration2.BaseConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxsuite.dns.DnsSettings;
import org.mxsuite.domain.InvalidSettingException;

class DaneSettingsTest {
    @Test
    void onByDefaultFromTheRootsKey() {
        DaneSettings settings = DaneSettings.from(new BaseConfiguration());

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.trustAnchors()).isEqualTo(DaneSettings.ROOT_TRUST_ANCHOR).contains("20326 8 2");
    }

    @Test
    void offAndATrustAnchorFile(@TempDir Path directory) throws Exception {
        Path anchors = Files.writeString(directory.resolve("anchors"), "dane.example. 60 IN DS 1 13 2 00\n");
        BaseConfiguration configuration = new BaseConfiguration();
        configuration.setProperty("delivery.dane.enabled", "false");
        configuration.setProperty("delivery.dane.trustAnchors", anchors.toString());

        DaneSettings settings = DaneSettings.from(configuration);

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.trustAnchors()).startsWith("dane.example.");
        assertThat(settings.anchorsSource()).isEqualTo(anchors.toString());
    }

    @Test
    void offMeansNoSource() {
        BaseConfiguration configuration = new BaseConfiguration();
        configuration.setProperty("delivery.dane.enabled", "false");
        configuration.setProperty("dns.servers", "127.0.0.1:53");

        assertThat(DaneSource.configured(DaneSettings.from(configuration), DnsSettings.from(configuration), () -> { })).isEmpty();
    }

    @Test
    void anythingElseOrAMissingFileIsRefused(@TempDir Path directory) {
        BaseConfiguration mode = new BaseConfiguration();
        mode.setProperty("delivery.dane.enabled", "yes");
        assertThatThrownBy(() -> DaneSettings.from(mode)).isInstanceOf(InvalidSettingException.class).hasMessageContaining("true or false");

        BaseConfiguration file = new BaseConfiguration();
        file.setProperty("delivery.dane.trustAnchors", directory.resolve("none").toString());
        assertThatThrownBy(() -> DaneSettings.from(file)).isInstanceOf(InvalidSettingException.class).hasMessageContaining("cannot read");
    }
}
