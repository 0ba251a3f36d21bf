package org.mxsuite.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mxsuite.testing.MutableClock;

class TraceHousekeepingTest {
    @Test
    void eventsOlderThanTheRetentionArePruned() {
        Instant now = Instant.parse("2026-12-05T12:00:00Z");
        MemoryTraceStore store = new MemoryTraceStore();
        store.add(List.of(
            TraceEvent.builder(TraceOutcome.ACCEPTED, now.minus(Duration.ofDays(31)), "backup.example").build(),
            TraceEvent.builder(TraceOutcome.HELD, now.minus(Duration.ofDays(29)), "backup.example").build()));
        MutableClock clock = new MutableClock(now);

        new TraceHousekeeping(null, store, TraceRecorder.OFF, new TraceSettings(true, 30, 10), clock, null).prune();
        assertThat(store.search(TraceQuery.builder().build())).extracting(TraceEvent::outcome).containsExactly(TraceOutcome.HELD);

        clock.advance(Duration.ofDays(2));
        new TraceHousekeeping(null, store, TraceRecorder.OFF, new TraceSettings(true, 30, 10), clock, null).prune();
        assertThat(store.search(TraceQuery.builder().build())).isEmpty();
    }
}
