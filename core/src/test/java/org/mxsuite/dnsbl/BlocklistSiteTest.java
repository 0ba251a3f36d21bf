package org.mxsuite.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.apache.commons.configuration2.BaseConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mxsuite.domain.InvalidSettingException;

class BlocklistSiteTest {
    @Test
    void zoneWithRangeAndWeight() throws Exception {
        BlocklistSite site = BlocklistSite.parse("zen.spamhaus.org=127.0.0.[2..11]*3");

        assertThat(site.zone()).isEqualTo("zen.spamhaus.org");
        assertThat(site.weight()).isEqualTo(3);
        assertThat(site.counts(InetAddress.getByName("127.0.0.2"))).isTrue();
        assertThat(site.counts(InetAddress.getByName("127.0.0.11"))).isTrue();
        assertThat(site.counts(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(site.counts(InetAddress.getByName("127.0.0.12"))).isFalse();
        assertThat(site.counts(InetAddress.getByName("127.0.1.2"))).isFalse();
    }

    @Test
    void allowListWithNegativeWeightAndRangesInSeveralOctets() throws Exception {
        BlocklistSite site = BlocklistSite.parse("list.dnswl.org=127.0.[0..255].[1..3]*-5");

        assertThat(site.weight()).isEqualTo(-5);
        assertThat(site.counts(InetAddress.getByName("127.0.15.2"))).isTrue();
        assertThat(site.counts(InetAddress.getByName("127.0.255.3"))).isTrue();
        assertThat(site.counts(InetAddress.getByName("127.0.15.0"))).isFalse();
        assertThat(site.counts(InetAddress.getByName("127.0.15.4"))).isFalse();
    }

    @Test
    void withoutPatternAnyListingCountsAndWithoutWeightItIsOne() throws Exception {
        BlocklistSite site = BlocklistSite.parse("bl.example");

        assertThat(site.weight()).isEqualTo(1);
        assertThat(site.pattern()).isEmpty();
        assertThat(site.counts(InetAddress.getByName("127.0.0.9"))).isTrue();
    }

    @Test
    void listsOfValuesAndWeightWithoutPattern() throws Exception {
        assertThat(BlocklistSite.parse("bl.example*2").weight()).isEqualTo(2);
        BlocklistSite site = BlocklistSite.parse("BL.Example=127.0.0.[2;4;10..12]");
        assertThat(site.zone()).isEqualTo("bl.example");
        assertThat(site.counts(InetAddress.getByName("127.0.0.4"))).isTrue();
        assertThat(site.counts(InetAddress.getByName("127.0.0.11"))).isTrue();
        assertThat(site.counts(InetAddress.getByName("127.0.0.3"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bl.example=127.0.0", "bl.example=127.0.0.256", "bl.example=127.0.0.[5..2]", "bl.example*x",
        "bl.example=127.0.0.[2..]", "bl..example", "=127.0.0.2", "bl.example=127.0.0.2.1"})
    void malformedSitesAreRefused(String text) {
        assertThatThrownBy(() -> BlocklistSite.parse(text)).isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void aListIsSeparatedByCommasOrSpaces() {
        List<BlocklistSite> sites = BlocklistSites.parse("zen.spamhaus.org=127.0.0.[2..11]*3, b.example*2  c.example");

        assertThat(sites).extracting(BlocklistSite::toString)
            .containsExactly("zen.spamhaus.org=127.0.0.[2..11]*3", "b.example*2", "c.example");
    }

    @Test
    void settingsReadEveryValueOfAListThatJamesSplitAtItsCommas() {
        BaseConfiguration configuration = new BaseConfiguration();
        configuration.addProperty("dnsbl.sites", List.of("a.example*2", "b.example=127.0.0.2*-1"));
        configuration.addProperty("dnsbl.threshold", "4");

        BlocklistSettings settings = BlocklistSettings.from(configuration);

        assertThat(settings.clientSites()).extracting(BlocklistSite::zone).containsExactly("a.example", "b.example");
        assertThat(settings.clientThreshold()).isEqualTo(4);
        assertThat(settings.domainSites()).extracting(BlocklistSite::zone).containsExactly("dbl.spamhaus.org");
        assertThat(settings.timeout().toMillis()).isEqualTo(2000);
    }

    @Test
    void aThresholdBelowOneIsRefused() {
        BaseConfiguration configuration = new BaseConfiguration();
        configuration.addProperty("dnsbl.threshold", "0");

        assertThatThrownBy(() -> BlocklistSettings.from(configuration)).isInstanceOf(InvalidSettingException.class);
    }
}
