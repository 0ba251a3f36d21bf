package org.mxsuite.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
