package org.mxsuite.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {
    @Test
    void anIpv4NetworkContainsItsAddressesOnly() throws Exception {
        Cidr network = Cidr.parse("192.0.2.7/24");

        assertThat(network).hasToString("192.0.2.0/24").isEqualTo(Cidr.parse("192.0.2.0/24"));
        assertThat(network.contains(InetAddress.getByName("192.0.2.255"))).isTrue();
        assertThat(network.contains(InetAddress.getByName("192.0.3.1"))).isFalse();
        assertThat(network.contains(InetAddress.getByName("2001:db8::1"))).isFalse();
    }

    @Test
    void anIpv6NetworkContainsItsAddressesOnly() throws Exception {
        Cidr network = Cidr.parse("2001:DB8:1:2::/64");

        assertThat(network.contains(InetAddress.getByName("2001:db8:1:2:ffff::1"))).isTrue();
        assertThat(network.contains(InetAddress.getByName("2001:db8:1:3::1"))).isFalse();
        assertThat(network.isIpv4()).isFalse();
    }

    @Test
    void aBareAddressIsAHostNetwork() throws Exception {
        assertThat(Cidr.parse("198.51.100.1")).isEqualTo(Cidr.of(InetAddress.getByName("198.51.100.1"))).hasToString("198.51.100.1/32");
        assertThat(Cidr.parse("::1").prefix()).isEqualTo(128);
    }

    @Test
    void aroundTakesThePrefixOfTheAddressFamily() throws Exception {
        assertThat(Cidr.around(InetAddress.getByName("203.0.113.9"), 24, 64)).isEqualTo(Cidr.parse("203.0.113.0/24"));
        assertThat(Cidr.around(InetAddress.getByName("2001:db8:a:b:c::9"), 24, 64)).isEqualTo(Cidr.parse("2001:db8:a:b::/64"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example.com", "192.0.2.0/33", "2001:db8::/129", "192.0.2.0/", "192.0.2.0/-1", "1.2.3/8", "192.0.2.0/24x",
        // shaped like addresses, but none: InetAddress would have looked them up as host names
        "1.2.3.256", "1.2.3.256/32", "::1::2", "1:2:3:4:5:6:7:8:9/64"})
    void anythingElseIsRefusedWithoutALookup(String value) {
        assertThatThrownBy(() -> Cidr.parse(value)).isInstanceOf(InvalidSettingException.class);
    }
}
