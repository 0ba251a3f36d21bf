package org.mxsuite.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.mxsuite.testing.MutableClock;

class SrsRcptLimitTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final SrsRcptLimit limit = new SrsRcptLimit(5, 2, Duration.ofHours(1), clock);

    @Test
    void refusalsPastTheLimitDeferEveryRecipientOfTheClientUntilItsWindowEnds() throws Exception {
        InetAddress client = InetAddress.getByName("192.0.2.7");
        assertThat(limit.tryRecipient(client)).isTrue();
        limit.refused(client);
        assertThat(limit.tryRecipient(client)).isTrue();
        limit.refused(client);

        assertThat(limit.tryRecipient(client)).as("a third guess, valid or not").isFalse();
        assertThat(limit.tryRecipient(InetAddress.getByName("192.0.2.8"))).as("another client").isTrue();
        assertThat(limit.windowEnd(client)).isEqualTo(Instant.parse("2026-11-25T11:00:00Z"));

        clock.advance(Duration.ofHours(1));
        assertThat(limit.tryRecipient(client)).isTrue();
    }

    @Test
    void recipientsPastTheLimitAreDeferredEvenWhenEveryOneVerifies() throws Exception {
        InetAddress client = InetAddress.getByName("192.0.2.7");
        for (int i = 0; i < 5; i++) {
            assertThat(limit.tryRecipient(client)).isTrue();
        }
        assertThat(limit.tryRecipient(client)).isFalse();
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() throws Exception {
        limit.tryRecipient(InetAddress.getByName("2001:db8:1:2::1"));
        limit.refused(InetAddress.getByName("2001:db8:1:2::1"));
        limit.tryRecipient(InetAddress.getByName("2001:db8:1:2::ffff"));
        limit.refused(InetAddress.getByName("2001:db8:1:2::ffff"));

        assertThat(limit.tryRecipient(InetAddress.getByName("2001:db8:1:2:abcd::9"))).isFalse();
        assertThat(limit.tryRecipient(InetAddress.getByName("2001:db8:1:3::1"))).isTrue();
    }
}
