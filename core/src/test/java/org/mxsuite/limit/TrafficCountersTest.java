package org.mxsuite.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

class TrafficCountersTest {
    private static final Instant NOW = Instant.parse("2026-12-31T23:59:30Z");
    private final MemoryCounterStore store = new MemoryCounterStore();
    private final TrafficCounters counters = new TrafficCounters(store, Clock.fixed(NOW, ZoneOffset.UTC));

    private static Charge messages(long limit) {
        return new Charge("domain/example.com/messages", Window.DAY, limit, 1, "message limit", "example.com");
    }

    private static Charge bytes(Window window, long limit, long amount) {
        return new Charge("domain/example.com/bytes", window, limit, amount, "byte limit", "example.com");
    }

    @Test
    void chargesAreTakenAllOrNothing() {
        assertThat(counters.take(List.of(messages(10), bytes(Window.DAY, 1000, 600)))).isEmpty();

        LimitReached reached = counters.take(List.of(messages(10), bytes(Window.DAY, 1000, 600))).orElseThrow();

        assertThat(reached.charge().key()).isEqualTo("domain/example.com/bytes/DAY");
        assertThat(counters.used(messages(10))).isEqualTo(1);
        assertThat(counters.used(bytes(Window.DAY, 1000, 0))).isEqualTo(600);
    }

    @Test
    void theSameCountOverTwoWindowsKeepsTwoCounters() {
        counters.take(List.of(bytes(Window.DAY, 1000, 700), bytes(Window.MONTH, 5000, 700)));

        assertThat(counters.used(bytes(Window.DAY, 1000, 0))).isEqualTo(700);
        assertThat(counters.used(bytes(Window.MONTH, 5000, 0))).isEqualTo(700);
    }

    @Test
    void theReplyNamesTheLimitAndItsResetInUtc() {
        counters.take(List.of(messages(1)));

        LimitReached reached = counters.check(List.of(messages(1))).orElseThrow();

        assertThat(reached.text()).isEqualTo("Daily message limit of 1 for example.com reached (1 used, this needs 1);"
            + " it resets at 2027-01-01T00:00:00Z");
        assertThat(counters.check(List.of(bytes(Window.MONTH, 10, 3)))).isEmpty();
        assertThat(counters.used(bytes(Window.MONTH, 10, 3))).isZero();
    }

    @Test
    void windowsEndAtTheNextHourDayAndMonthInUtc() {
        assertThat(Window.HOUR.end(NOW)).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(Window.DAY.start(NOW)).isEqualTo(Instant.parse("2026-12-31T00:00:00Z"));
        assertThat(Window.MONTH.start(NOW)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(Window.MONTH.end(Instant.parse("2027-02-10T12:00:00Z"))).isEqualTo(Instant.parse("2027-03-01T00:00:00Z"));
    }

    @Test
    void giveBackUndoesATake() {
        List<Charge> message = List.of(messages(10), bytes(Window.DAY, 1000, 300));
        counters.take(message);

        counters.giveBack(message);

        assertThat(counters.used(messages(10))).isZero();
        assertThat(counters.used(bytes(Window.DAY, 1000, 0))).isZero();
    }
}
