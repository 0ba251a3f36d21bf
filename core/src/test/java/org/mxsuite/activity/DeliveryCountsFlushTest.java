package org.mxsuite.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mxsuite.domain.DomainName;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.hold.MemoryHoldQueue;
import org.mxsuite.testing.Addresses;
import org.mxsuite.testing.MutableClock;
import org.mxsuite.trace.TraceEvent;
import org.mxsuite.trace.TraceOutcome;
import org.mxsuite.trace.TraceRecorder;

/** The engine's outcomes counted in memory, and written by each flush as additions; held messages sampled into buckets. */
class DeliveryCountsFlushTest {
    private static final DomainName A = DomainName.of("a.example.net");
    private static final DomainName B = DomainName.of("b.example.net");
    private static final Instant NOW = Instant.parse("2026-12-05T12:58:00Z");
    private static final Instant HOUR = Instant.parse("2026-12-05T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final DeliveryCounter counter = new DeliveryCounter();
    private final ActivityStore store = new MemoryActivityStore();
    private final HoldQueue queue = new MemoryHoldQueue(clock);
    private final ActivityHousekeeping housekeeping = housekeeping(store);
    private final List<TraceEvent> traced = new ArrayList<>();
    private final TraceRecorder engineRecorder = counter.counting(traced::add);

    private ActivityHousekeeping housekeeping(ActivityStore into) {
        return new ActivityHousekeeping(into, counter, queue, new ActivitySettings(Duration.ofMinutes(1), Duration.ofMinutes(5)), clock, null);
    }

    private void record(TraceOutcome outcome, DomainName domain, Instant at) {
        engineRecorder.record(TraceEvent.builder(outcome, at, domain.asString()).sender("s@sender.example")
            .recipient("r@" + domain.asString()).build());
    }

    @Test
    void eachOutcomeIsCountedPerDomainAndHourAndPassedOnToTheTrace() {
        record(TraceOutcome.DELIVERED, A, NOW);
        record(TraceOutcome.DELIVERED, A, NOW);
        record(TraceOutcome.DEFERRED, A, NOW);
        record(TraceOutcome.RETURNED, A, NOW);
        record(TraceOutcome.FAILED, A, NOW);
        record(TraceOutcome.ACCEPTED, A, NOW);
        record(TraceOutcome.DELIVERED, B, NOW);
        record(TraceOutcome.DELIVERED, A, NOW.plus(Duration.ofMinutes(3)));

        housekeeping.flush();

        assertThat(traced).hasSize(8);
        assertThat(store.hourly(A, HOUR, HOUR.plus(Duration.ofHours(2))))
            .containsExactly(new HourCounts(A, HOUR, 2, 1, 1), new HourCounts(A, HOUR.plus(Duration.ofHours(1)), 1, 0, 0));
        assertThat(store.hourly(B, HOUR, HOUR.plus(Duration.ofHours(1)))).containsExactly(new HourCounts(B, HOUR, 1, 0, 0));
    }

    @Test
    void eachFlushWritesOnlyWhatWasCountedSinceTheLastOne() {
        record(TraceOutcome.DELIVERED, A, NOW);
        housekeeping.flush();
        housekeeping.flush();
        record(TraceOutcome.DELIVERED, A, NOW);
        record(TraceOutcome.DEFERRED, A, NOW);
        clock.advance(Duration.ofHours(1));
        housekeeping.flush();

        assertThat(store.hourly(A, HOUR, HOUR.plus(Duration.ofHours(1)))).containsExactly(new HourCounts(A, HOUR, 2, 1, 0));
        assertThat(counter.drain(clock.instant())).isEmpty();
    }

    @Test
    void countsAStoreFailedToWriteAreWrittenByTheNextFlush() {
        ActivityStore failing = (ActivityStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ActivityStore.class},
            (proxy, method, arguments) -> {
                throw new IllegalStateException("database down");
            });
        record(TraceOutcome.DELIVERED, A, NOW);
        assertThatThrownBy(housekeeping(failing)::flush).isInstanceOf(IllegalStateException.class);
        record(TraceOutcome.DELIVERED, A, NOW);

        housekeeping.flush();

        assertThat(store.hourly(A, HOUR, HOUR.plus(Duration.ofHours(1)))).containsExactly(new HourCounts(A, HOUR, 2, 0, 0));
    }

    @Test
    void heldMessagesAreSampledIntoTheirFiveMinuteBucket() throws Exception {
        hold(A);
        hold(A);
        hold(B);
        housekeeping.sampleHeld();
        clock.advance(Duration.ofMinutes(1));
        hold(A);
        // the same bucket (12:55): the sample replaces the first
        housekeeping.sampleHeld();
        clock.advance(Duration.ofMinutes(2));
        hold(A);
        housekeeping.sampleHeld();

        assertThat(store.held(A, HOUR, HOUR.plus(Duration.ofHours(2))))
            .containsExactly(entry(Instant.parse("2026-12-05T12:55:00Z"), 3L), entry(Instant.parse("2026-12-05T13:00:00Z"), 4L));
        assertThat(store.held(B, HOUR, HOUR.plus(Duration.ofHours(2))))
            .containsExactly(entry(Instant.parse("2026-12-05T12:55:00Z"), 1L), entry(Instant.parse("2026-12-05T13:00:00Z"), 1L));
    }

    private void hold(DomainName domain) throws Exception {
        queue.hold(domain, Addresses.sender("s@sender.example"), List.of(Addresses.address("r@" + domain.asString())),
            new ByteArrayInputStream("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void pruningDropsWhatIsOlderThan30Days() {
        store.add(List.of(new HourCounts(A, HOUR.minus(Duration.ofDays(30)), 1, 0, 0), new HourCounts(A, HOUR.minus(Duration.ofDays(29)), 1, 0, 0)));
        store.putHeld(HOUR.minus(Duration.ofDays(30)), Map.of(A, 1L));

        housekeeping.prune();

        assertThat(store.hourly(A, Instant.EPOCH, NOW)).containsExactly(new HourCounts(A, HOUR.minus(Duration.ofDays(29)), 1, 0, 0));
        assertThat(store.held(A, Instant.EPOCH, NOW)).isEmpty();
    }
}
