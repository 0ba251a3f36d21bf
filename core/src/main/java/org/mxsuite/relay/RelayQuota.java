package org.mxsuite.relay;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicReference;

import org.mxsuite.domain.DomainName;

/**
 * The daily relay quota of a domain: counted per UTC day (reset at midnight UTC), a message reserved whole before it
 * is accepted so that refused mail counts nothing. The counts of the last {@link #DAYS_KEPT} days are kept for the
 * panel's chart of usage per day; older ones are dropped by the first reservation of a day.
 */
public final class RelayQuota {
    /** Today and the 30 days before it: the panel shows the last 30 days. */
    public static final int DAYS_KEPT = 31;

    private final RelayUsageStore usage;
    private final Clock clock;
    /** The day this node last dropped old counts: once a day is enough, and needs no scheduler. */
    private final AtomicReference<LocalDate> purgedOn = new AtomicReference<>(LocalDate.MIN);

    public RelayQuota(RelayUsageStore usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
    }

    /** Today, in UTC. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** When today's counts start again from zero: the next midnight UTC. */
    public Instant resetsAt() {
        return today().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public int usedToday(DomainName domain) {
        return usage.used(domain, today());
    }

    /** Whether {@code relays} more would still fit today, without counting them (the RCPT-time check). */
    public boolean wouldFit(DomainName domain, int relays, int limit) {
        return usedToday(domain) + (long) relays <= limit;
    }

    /** Counts {@code relays} against today's quota if they fit, atomically. */
    public RelayUsageStore.Reservation reserve(DomainName domain, int relays, int limit) {
        LocalDate today = today();
        LocalDate last = purgedOn.get();
        if (!last.equals(today) && purgedOn.compareAndSet(last, today)) {
            usage.purgeBefore(today.minusDays(DAYS_KEPT - 1));
        }
        return usage.reserve(domain, today, relays, limit);
    }

    /** The domain's relays of each of the {@code days} days up to today included (days without relays left out). */
    public SortedMap<LocalDate, Integer> usedByDay(DomainName domain, int days) {
        LocalDate today = today();
        return usage.usedByDay(domain, today.minusDays(days - 1L), today);
    }

    public void resetToday(DomainName domain) {
        usage.reset(domain, today());
    }
}
