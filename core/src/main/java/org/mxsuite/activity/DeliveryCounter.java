package org.mxsuite.activity;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

import org.mxsuite.domain.DomainName;
import org.mxsuite.trace.TraceEvent;
import org.mxsuite.trace.TraceRecorder;

/**
 * Deliveries, deferrals and returns counted in memory per domain and hour, on the delivery engine's path: a map
 * look-up and an atomic increment, nothing more. {@link #drain} takes what was counted since the last drain, for
 * {@link ActivityStore#add} (the store adds, so that the nodes' counts add up).
 */
public final class DeliveryCounter {
    private static final int DELIVERED = 0;
    private static final int DEFERRED = 1;
    private static final int RETURNED = 2;
    /** An hour's counters are forgotten this long after it ended: a worker still counting into it is long done. */
    private static final Duration GRACE = Duration.ofMinutes(5);

    private final Map<HourOfDomain, AtomicLongArray> counts = new ConcurrentHashMap<>();

    /**
     * The engine's trace recorder, counting each recipient delivered, deferred or returned to its sender (the trace
     * is where each outcome passes once, whether it is recorded or not) before passing the event on.
     */
    public TraceRecorder counting(TraceRecorder next) {
        return event -> {
            count(event);
            next.record(event);
        };
    }

    void count(TraceEvent event) {
        switch (event.outcome()) {
            case DELIVERED:
                add(event, DELIVERED);
                break;
            case DEFERRED:
                add(event, DEFERRED);
                break;
            case RETURNED:
                add(event, RETURNED);
                break;
            default:
                // failed (its return is counted), dropped, expired, and what happens before the queue: not charted
        }
    }

    private void add(TraceEvent event, int index) {
        HourOfDomain key = new HourOfDomain(event.domain(), event.at().truncatedTo(ChronoUnit.HOURS));
        counts.computeIfAbsent(key, any -> new AtomicLongArray(3)).incrementAndGet(index);
    }

    /**
     * What was counted since the last drain, taken away (a count made meanwhile is kept for the next); the counters
     * of hours ended a while before {@code now} are forgotten.
     */
    public List<HourCounts> drain(Instant now) {
        List<HourCounts> drained = new ArrayList<>();
        Instant forgetBefore = now.minus(GRACE).truncatedTo(ChronoUnit.HOURS);
        for (Iterator<Map.Entry<HourOfDomain, AtomicLongArray>> entries = counts.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<HourOfDomain, AtomicLongArray> entry = entries.next();
            AtomicLongArray count = entry.getValue();
            long delivered = count.getAndSet(DELIVERED, 0);
            long deferred = count.getAndSet(DEFERRED, 0);
            long returned = count.getAndSet(RETURNED, 0);
            if (delivered + deferred + returned > 0) {
                // the domain parsed here, once a minute, rather than on the engine's path
                drained.add(new HourCounts(DomainName.of(entry.getKey().domain), entry.getKey().hour, delivered, deferred, returned));
            }
            if (entry.getKey().hour.isBefore(forgetBefore)) {
                entries.remove();
            }
        }
        return drained;
    }

    /** Counts that could not be written, back for the next drain. */
    public void restore(List<HourCounts> unwritten) {
        for (HourCounts count : unwritten) {
            AtomicLongArray counters = counts.computeIfAbsent(new HourOfDomain(count.domain().asString(), count.hour()), any -> new AtomicLongArray(3));
            counters.addAndGet(DELIVERED, count.delivered());
            counters.addAndGet(DEFERRED, count.deferred());
            counters.addAndGet(RETURNED, count.returned());
        }
    }

    private static final class HourOfDomain {
        private final String domain;
        private final Instant hour;

        HourOfDomain(String domain, Instant hour) {
            this.domain = domain;
            this.hour = hour;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HourOfDomain && ((HourOfDomain) o).domain.equals(domain) && ((HourOfDomain) o).hour.equals(hour);
        }

        @Override
        public int hashCode() {
            return Objects.hash(domain, hour);
        }
    }
}
