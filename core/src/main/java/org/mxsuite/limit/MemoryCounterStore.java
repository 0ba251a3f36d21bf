package org.mxsuite.limit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CounterStore} in this process's memory. Each change is one atomic {@code compute} on the period's count:
 * the check against the limit and the addition cannot interleave with another change of the same counter.
 */
public final class MemoryCounterStore implements CounterStore {
    private final Map<Period, Long> counts = new ConcurrentHashMap<>();
    private final Map<Period, Instant> ends = new ConcurrentHashMap<>();

    @Override
    public Reservation reserve(String counter, Instant start, Instant end, long amount, long limit) {
        if (amount < 0) {
            throw new IllegalArgumentException("negative amount " + amount);
        }
        boolean[] accepted = new boolean[1];
        Period period = new Period(counter, start);
        long used = counts.compute(period, (key, count) -> {
            long before = count == null ? 0 : count;
            accepted[0] = before + amount <= limit;
            return accepted[0] ? before + amount : before;
        });
        ends.putIfAbsent(period, end);
        return new Reservation(accepted[0], used);
    }

    @Override
    public void release(String counter, Instant start, long amount) {
        counts.computeIfPresent(new Period(counter, start), (key, count) -> Math.max(0, count - amount));
    }

    @Override
    public long used(String counter, Instant start) {
        return counts.getOrDefault(new Period(counter, start), 0L);
    }

    @Override
    public void reset(String counter, Instant start) {
        counts.remove(new Period(counter, start));
    }

    @Override
    public void purgeEndedBefore(Instant instant) {
        ends.entrySet().removeIf(entry -> {
            boolean ended = !entry.getValue().isAfter(instant);
            if (ended) {
                counts.remove(entry.getKey());
            }
            return ended;
        });
    }

    private static final class Period {
        private final String counter;
        private final Instant start;

        Period(String counter, Instant start) {
            this.counter = counter;
            this.start = start;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Period && ((Period) o).counter.equals(counter) && ((Period) o).start.equals(start);
        }

        @Override
        public int hashCode() {
            return Objects.hash(counter, start);
        }
    }
}
