package org.mxsuite.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mxsuite.relay.MessageWeight.MB;

import org.junit.jupiter.api.Test;

class MessageWeightTest {
    @Test
    void oneRelayPerRecipientUpTo10Mb() {
        assertThat(MessageWeight.of(0)).isEqualTo(1);
        assertThat(MessageWeight.of(10 * MB - 1)).isEqualTo(1);
        assertThat(MessageWeight.relays(10, 5 * MB)).isEqualTo(10);
    }

    @Test
    void oneMorePerStarted10MbAndSixAtExactly50Mb() {
        assertThat(MessageWeight.of(10 * MB)).isEqualTo(2);
        assertThat(MessageWeight.of(15 * MB)).isEqualTo(2);
        assertThat(MessageWeight.of(20 * MB - 1)).isEqualTo(2);
        assertThat(MessageWeight.of(20 * MB)).isEqualTo(3);
        assertThat(MessageWeight.of(30 * MB)).isEqualTo(4);
        assertThat(MessageWeight.of(40 * MB)).isEqualTo(5);
        assertThat(MessageWeight.of(50 * MB - 1)).isEqualTo(5);
        assertThat(MessageWeight.of(50 * MB)).isEqualTo(6);
        assertThat(MessageWeight.relays(3, 50 * MB)).isEqualTo(18);
    }
}
