package org.mxsuite.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationTest {
    @Test
    void readsHostAndPort() {
        assertThat(Destination.parse("MX.Customer.example:2525")).isEqualTo(Destination.of("mx.customer.example", 2525));
    }

    @Test
    void portDefaultsTo25() {
        assertThat(Destination.parse("mx.customer.example").port()).isEqualTo(25);
    }

    @Test
    void readsIpLiterals() {
        assertThat(Destination.parse("192.0.2.10:587").asString()).isEqualTo("192.0.2.10:587");
        assertThat(Destination.parse("[2001:DB8::1]:2525").asString()).isEqualTo("[2001:db8::1]:2525");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[127.0.0.1]:2525", "[::1]:25", "[2001:db8::1]:25", "[::]:25", "[1:2:3:4:5:6:7:8]:25",
        "[1::]:25", "[::ffff:192.0.2.1]:25", "[64:ff9b::192.0.2.1]:25", "[1:2:3:4:5:6:192.0.2.1]:25"})
    void readsBracketedAddressLiterals(String raw) {
        assertThat(Destination.parse(raw).asString()).isEqualTo(raw);
    }

    /** Mail for such a destination would only wait until it expires: refused when it is set. */
    @ParameterizedTest
    @ValueSource(strings = {"[abc]:25", "[dead]:25", "[1.2.3.4.5]:25", "[::::]:25", "[1.2.3]:25", "[256.0.0.1]:25",
        "[1:2:3:4:5:6:7:8:9]:25", "[1:2:3:4:5:6:7]:25", "[1::2::3]:25", "[12345::1]:25", "[:1]:25", "[1:]:25",
        "[1.2.3.4::]:25", "[::1.2.3.4:1]:25", "[.::1]:25", "[::1.2.3]:25", "[1:2:3:4:5:6:7:1.2.3.4]:25"})
    void refusesBracketsThatHoldNoAddressLiteral(String raw) {
        assertThatThrownBy(() -> Destination.parse(raw))
            .isInstanceOf(InvalidSettingException.class)
            .hasMessageContaining("is not an IPv4 or IPv6 address");
    }
}
