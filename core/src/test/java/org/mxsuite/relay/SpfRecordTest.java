package org.mxsuite.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.commons.configuration2.BaseConfiguration;
import org.junit.jupiter.api.Test;
import org.mxsuite.dns.DnsResolver;
import org.mxsuite.dns.TestDnsServer;
import org.mxsuite.domain.InvalidSettingException;

class SpfRecordTest {
    private static final List<String> RELAY = List.of("include:_spf.relay.example.net");

    @Test
    void mechanismsGoBeforeTheFinalAll() {
        assertThat(SpfRecord.parse("v=spf1 mx ip4:192.0.2.1 -all").with(RELAY))
            .hasToString("v=spf1 mx ip4:192.0.2.1 include:_spf.relay.example.net -all");
        assertThat(SpfRecord.parse("v=spf1 mx ?all").with(RELAY)).hasToString("v=spf1 mx include:_spf.relay.example.net ?all");
    }

    @Test
    void beforeARedirectAndAtTheEndWhenThereIsNeither() {
        assertThat(SpfRecord.parse("v=spf1 a redirect=_spf.example.net").with(RELAY))
            .hasToString("v=spf1 a include:_spf.relay.example.net redirect=_spf.example.net");
        assertThat(SpfRecord.parse("V=SPF1 a").with(RELAY)).hasToString("v=spf1 a include:_spf.relay.example.net");
    }

    @Test
    void aMechanismAlreadyThereIsNotAddedTwice() {
        assertThat(SpfRecord.parse("v=spf1 include:_SPF.relay.example.net ~all").with(RELAY).terms()).hasSize(2);
    }

    @Test
    void somethingElseIsNoSpfRecord() {
        assertThatThrownBy(() -> SpfRecord.parse("spf1 mx -all")).isInstanceOf(InvalidSettingException.class);
        assertThatThrownBy(() -> SpfRecord.parse("")).isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void theSuggestionSoftFailsTheRest() {
        assertThat(SpfRecord.suggested(List.of("ip4:192.0.2.25"))).hasToString("v=spf1 ip4:192.0.2.25 ~all");
    }

    @Test
    void lookupsAreCountedThroughIncludedRecords() throws Exception {
        try (TestDnsServer dns = TestDnsServer.start()
            .txt("_spf.relay.example.net", "v=spf1 ip4:192.0.2.0/24 include:_spf2.relay.example.net -all")
            .txt("_spf2.relay.example.net", "v=spf1 a mx -all")) {
            SpfLookupCount count = new SpfLookupCount(new DnsResolver(List.of(new InetSocketAddress("127.0.0.1", dns.port())),
                Duration.ofMillis(500), Duration.ofMinutes(1), Clock.systemUTC()));

            SpfLookupCount.Result result = count.of(SpfRecord.parse("v=spf1 mx a:x.example.net include:_spf.relay.example.net include:gone.example.net -all"));

            // mx, a, include, include (own) + include (_spf) + a, mx (_spf2)
            assertThat(result.lookups()).isEqualTo(7);
            assertThat(result.unresolved()).containsExactly("gone.example.net");
        }
    }

    @Test
    void theRelaysMechanismIsItsIncludeOrElseItsAddresses() {
        BaseConfiguration configuration = new BaseConfiguration();
        configuration.addProperty("relay.spf.addresses", "192.0.2.25, 198.51.100.0/24, 2001:db8::25");
        assertThat(RelaySettings.from(configuration).spfMechanisms())
            .containsExactly("ip4:192.0.2.25", "ip4:198.51.100.0/24", "ip6:2001:db8:0:0:0:0:0:25");

        configuration.addProperty("relay.spf.include", "_spf.relay.example.net");
        assertThat(RelaySettings.from(configuration).spfMechanisms()).containsExactly("include:_spf.relay.example.net");
        assertThat(new RelaySettings(200, true, Optional.empty(), List.of()).spfMechanisms()).isEmpty();
    }
}
