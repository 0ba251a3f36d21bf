package org.mxsuite.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class HeldMessageIdTest {
    private static Clock at(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    @Test
    void aNewIdIsAVersion7UuidCarryingItsMillisecond() {
        long millis = Instant.parse("2026-11-26T05:30:00.123Z").toEpochMilli();

        UUID uuid = UUID.fromString(HeldMessageId.next(at(millis)).asString());

        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }

    @Test
    void idsOfLaterMillisecondsSortAfterAsStrings() {
        long millis = Instant.parse("2026-11-26T05:30:00Z").toEpochMilli();
        for (int i = 0; i < 1000; i++) {
            String earlier = HeldMessageId.next(at(millis + i)).asString();
            String later = HeldMessageId.next(at(millis + i + 1)).asString();
            assertThat(later).isGreaterThan(earlier);
        }
    }

    @Test
    void idsOfOneMillisecondAreDistinct() {
        Clock clock = at(1_000_000L);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(HeldMessageId.next(clock).asString());
        }
        assertThat(ids).hasSize(100_000);
    }

    @Test
    void idsOfEarlierVersionsAreStillRead() {
        String random = "0f8fad5b-d9cb-469f-a165-70867728950e";

        assertThat(HeldMessageId.of(random).asString()).isEqualTo(random);
        assertThatThrownBy(() -> HeldMessageId.of("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
