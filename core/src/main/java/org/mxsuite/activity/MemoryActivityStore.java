package org.mxsuite.activity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.mxsuite.domain.DomainName;

/** The activity series in memory, for tests and single-node experiments: lost at restart. */
public final class MemoryActivityStore implements ActivityStore {
    private final Map<DomainName, Map<Instant, HourCounts>> hours = new HashMap<>();
    private final Map<DomainName, TreeMap<Instant, Long>> held = new HashMap<>();

    @Override
    public synchronized void add(List<HourCounts> counts) {
        for (HourCounts count : counts) {
            hours.computeIfAbsent(count.domain(), domain -> new HashMap<>()).merge(count.hour(), count, HourCounts::plus);
        }
    }

    @Override
    public synchronized List<HourCounts> hourly(DomainName domain, Instant from, Instant until) {
        List<HourCounts> found = new ArrayList<>();
        hours.getOrDefault(domain, Map.of()).forEach((hour, count) -> {
            if (!hour.isBefore(from) && hour.isBefore(until)) {
                found.add(count);
            }
        });
        found.sort(Comparator.comparing(HourCounts::hour));
        return found;
    }

    @Override
    public synchronized void putHeld(Instant bucket, Map<DomainName, Long> samples) {
        samples.forEach((domain, messages) -> held.computeIfAbsent(domain, any -> new TreeMap<>()).put(bucket, messages));
    }

    @Override
    public synchronized SortedMap<Instant, Long> held(DomainName domain, Instant from, Instant until) {
        return new TreeMap<>(held.getOrDefault(domain, new TreeMap<>()).subMap(from, until));
    }

    @Override
    public synchronized int removeBefore(Instant cutoff) {
        int removed = 0;
        for (Map<Instant, HourCounts> ofDomain : hours.values()) {
            int before = ofDomain.size();
            ofDomain.keySet().removeIf(hour -> hour.isBefore(cutoff));
            removed += before - ofDomain.size();
        }
        for (TreeMap<Instant, Long> ofDomain : held.values()) {
            Map<Instant, Long> old = ofDomain.headMap(cutoff);
            removed += old.size();
            old.clear();
        }
        return removed;
    }
}
