package org.mxsuite.relay;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.mxsuite.domain.DomainName;

/**
 * {@link RelayUsageStore} in this process's memory. A reservation is one atomic {@code compute} on the day's count:
 * the check against the limit and the addition cannot interleave with another reservation of the same domain and day.
 */
public final class MemoryRelayUsageStore implements RelayUsageStore {
    private final Map<DayOfDomain, Integer> counts = new ConcurrentHashMap<>();

    @Override
    public Reservation reserve(DomainName domain, LocalDate day, int relays, int limit) {
        if (relays < 0) {
            throw new IllegalArgumentException("negative relays " + relays);
        }
        boolean[] accepted = new boolean[1];
        int used = counts.compute(new DayOfDomain(domain, day), (key, count) -> {
            int before = count == null ? 0 : count;
            accepted[0] = before + relays <= limit;
            return accepted[0] ? before + relays : before;
        });
        return new Reservation(accepted[0], used);
    }

    @Override
    public int used(DomainName domain, LocalDate day) {
        return counts.getOrDefault(new DayOfDomain(domain, day), 0);
    }

    @Override
    public SortedMap<LocalDate, Integer> usedByDay(DomainName domain, LocalDate first, LocalDate last) {
        SortedMap<LocalDate, Integer> days = new TreeMap<>();
        counts.forEach((key, count) -> {
            if (key.domain.equals(domain) && !key.day.isBefore(first) && !key.day.isAfter(last) && count > 0) {
                days.put(key.day, count);
            }
        });
        return days;
    }

    @Override
    public void reset(DomainName domain, LocalDate day) {
        counts.remove(new DayOfDomain(domain, day));
    }

    @Override
    public void purgeBefore(LocalDate day) {
        counts.keySet().removeIf(key -> key.day.isBefore(day));
    }

    private static final class DayOfDomain {
        private final DomainName domain;
        private final LocalDate day;

        DayOfDomain(DomainName domain, LocalDate day) {
            this.domain = domain;
            this.day = day;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DayOfDomain && ((DayOfDomain) o).domain.equals(domain) && ((DayOfDomain) o).day.equals(day);
        }

        @Override
        public int hashCode() {
            return Objects.hash(domain, day);
        }
    }
}
