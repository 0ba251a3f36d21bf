package org.mxsuite.accept.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.mxsuite.dnsbl.BlocklistVerdict;

class BlocklistErrorWarningsTest {
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void eachZoneIsWarnedAboutOncePerInterval() {
        MovingClock clock = new MovingClock();
        BlocklistErrorWarnings warnings = new BlocklistErrorWarnings(Duration.ofMinutes(10), clock);
        BlocklistVerdict.ErrorCode zen = new BlocklistVerdict.ErrorCode("zen.example", "127.255.255.254");
        BlocklistVerdict.ErrorCode other = new BlocklistVerdict.ErrorCode("other.example", "10.0.0.1");

        assertThat(warnings.warn(zen)).isTrue();
        assertThat(warnings.warn(zen)).isFalse();
        assertThat(warnings.warn(other)).isTrue();

        clock.now = clock.now.plus(Duration.ofMinutes(9));
        assertThat(warnings.warn(zen)).isFalse();

        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(warnings.warn(zen)).isTrue();
    }
}
