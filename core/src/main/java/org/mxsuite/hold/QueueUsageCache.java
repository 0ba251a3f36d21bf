package org.mxsuite.hold;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.mxsuite.domain.DomainName;

/**
 * A domain's queue usage for the quota checks of the SMTP path, read from the queue at most once a second: counting
 * a large queue for every RCPT would make acceptance slower the more a domain holds. What this node holds is added
 * at once ({@link #held}) without counting again; what another node sharing the queue holds, within a second, or,
 * when counting takes longer than 1/{@value #MAX_COUNTING_SHARE_INVERSE} of that, within
 * {@value #MAX_COUNTING_SHARE_INVERSE} times the last count's duration (a count of 100,000 held messages would
 * otherwise keep an SMTP thread busy a good part of every second).
 */
@Singleton
public class QueueUsageCache {
    private static final Duration FRESHNESS = Duration.ofSeconds(1);
    private static final int MAX_COUNTING_SHARE_INVERSE = 20;

    private final HoldQueue queue;
    private final Clock clock;
    private final Map<DomainName, Snapshot> snapshots = new ConcurrentHashMap<>();
    // all this node has released per domain since start: what a count may still include of it is taken off the count
    private final Map<DomainName, QueueUsage> released = new ConcurrentHashMap<>();
    // every domain's usage at once, for caps that span domains; counted as seldom as one domain's
    private volatile AllDomains all;
    private final AtomicBoolean recountingAll = new AtomicBoolean();

    private static final class AllDomains {
        final Map<DomainName, QueueUsage> byDomain;
        final Instant staleAt;

        AllDomains(Map<DomainName, QueueUsage> byDomain, Instant staleAt) {
            this.byDomain = new ConcurrentHashMap<>(byDomain);
            this.staleAt = staleAt;
        }
    }

    private static final class Snapshot {
        final QueueUsage usage;
        final Instant staleAt;
        // set by the one caller that counts again when this is stale; the others of the moment use this one
        final AtomicBoolean recounting = new AtomicBoolean();

        Snapshot(QueueUsage usage, Instant staleAt) {
            this.usage = usage;
            this.staleAt = staleAt;
        }
    }

    @Inject
    public QueueUsageCache(HoldQueue queue) {
        this(queue, Clock.systemUTC());
    }

    public QueueUsageCache(HoldQueue queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    public QueueUsage usage(DomainName domain) {
        Instant now = clock.instant();
        Snapshot snapshot = snapshots.get(domain);
        if (snapshot != null && (now.isBefore(snapshot.staleAt) || !snapshot.recounting.compareAndSet(false, true))) {
            return snapshot.usage;
        }
        try {
            QueueUsage releasedBefore = released.getOrDefault(domain, QueueUsage.EMPTY);
            QueueUsage counted = queue.usage(domain);
            // what was delivered or dropped while we counted may still be in the count, and the snapshot put here
            // replaces the one its release adjusted: taken off, so that the room it made is not refused for a second
            // (at worst the count had already left it out, and a few messages more are let in until the next count)
            QueueUsage usage = counted.less(released.getOrDefault(domain, QueueUsage.EMPTY).less(releasedBefore));
            Duration counting = Duration.between(now, clock.instant());
            Duration freshness = counting.multipliedBy(MAX_COUNTING_SHARE_INVERSE);
            snapshots.put(domain, new Snapshot(usage, now.plus(freshness.compareTo(FRESHNESS) > 0 ? freshness : FRESHNESS)));
            return usage;
        } finally {
            if (snapshot != null) {
                snapshot.recounting.set(false);
            }
        }
    }

    /**
     * What the queue holds for every domain {@code counted} takes, together, with the same freshness as {@link #usage}
     * (a delivery that ends while the count runs may show its room a count later).
     */
    public QueueUsage total(Predicate<DomainName> counted) {
        Instant now = clock.instant();
        AllDomains snapshot = all;
        if (snapshot == null || (!now.isBefore(snapshot.staleAt) && recountingAll.compareAndSet(false, true))) {
            try {
                Map<DomainName, QueueUsage> byDomain = queue.usageByDomain();
                Duration freshness = Duration.between(now, clock.instant()).multipliedBy(MAX_COUNTING_SHARE_INVERSE);
                snapshot = new AllDomains(byDomain, now.plus(freshness.compareTo(FRESHNESS) > 0 ? freshness : FRESHNESS));
                all = snapshot;
            } finally {
                recountingAll.set(false);
            }
        }
        QueueUsage total = QueueUsage.EMPTY;
        for (Map.Entry<DomainName, QueueUsage> domain : snapshot.byDomain.entrySet()) {
            if (counted.test(domain.getKey())) {
                total = total.plus(domain.getValue());
            }
        }
        return total;
    }

    /** A message of about {@code bytes} was held for the domain: the checks see it before the next count. */
    public void held(DomainName domain, long bytes) {
        QueueUsage one = oneMessage(bytes);
        snapshots.computeIfPresent(domain, (name, snapshot) -> new Snapshot(snapshot.usage.plus(one), snapshot.staleAt));
        AllDomains snapshot = all;
        if (snapshot != null) {
            snapshot.byDomain.merge(domain, one, QueueUsage::plus);
        }
    }

    /** A message of {@code bytes} left the domain's queue: the checks see the room before the next count. */
    public void released(DomainName domain, long bytes) {
        QueueUsage one = oneMessage(bytes);
        released.merge(domain, one, QueueUsage::plus);
        snapshots.computeIfPresent(domain, (name, snapshot) -> new Snapshot(snapshot.usage.less(one), snapshot.staleAt));
        AllDomains snapshot = all;
        if (snapshot != null) {
            snapshot.byDomain.computeIfPresent(domain, (name, usage) -> usage.less(one));
        }
    }

    private static QueueUsage oneMessage(long bytes) {
        return new QueueUsage(1, Math.max(bytes, 0));
    }
}
