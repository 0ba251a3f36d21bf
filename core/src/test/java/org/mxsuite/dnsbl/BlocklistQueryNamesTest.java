package org.mxsuite.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class BlocklistQueryNamesTest {
    @Test
    void ipv4ByReversedOctets() throws Exception {
        assertThat(BlocklistQueryNames.forClient(InetAddress.getByName("192.0.2.99"), "bl.example"))
            .isEqualTo("99.2.0.192.bl.example");
    }

    @Test
    void ipv6ByReversedNibbles() throws Exception {
        // RFC 5782 section 2.4's example
        assertThat(BlocklistQueryNames.forClient(InetAddress.getByName("2001:db8:1:2:3:4:567:89ab"), "ugly.example.com"))
            .isEqualTo("b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.ugly.example.com");
    }

    @Test
    void ipv6LoopbackHasAllItsNibbles() throws Exception {
        String name = BlocklistQueryNames.reversed(InetAddress.getByName("::1"));

        assertThat(name.split("\\.")).hasSize(32);
        assertThat(name).startsWith("1.0.0.0.").endsWith(".0.0");
    }

    @Test
    void domainsAsTheyAreLowerCased() {
        assertThat(BlocklistQueryNames.forDomain("Spam.Example.", "dbl.example")).isEqualTo("spam.example.dbl.example");
    }
}
