package org.mxsuite.hold;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.mxsuite.domain.DomainName;

/**
 * A domain's queue usage for the quota checks of the SMTP path, read from the queue at most once a second: counting
 * a large queue for every RCPT would make acceptance slower the more a domain holds. What this node holds is
 * counted at once ({@link #invalidate}); what another node sharing the queue holds, within a second.
 */
@Singleton
public class QueueUsageCache {
    private static final Duration FRESHNESS = Duration.ofSeconds(1);

    private final HoldQueue queue;
    private final Clock clock;
    private final Map<DomainName, Snapshot> snapshots = new ConcurrentHashMap<>();

    private static final class Snapshot {
        final QueueUsage usage;
        final Instant readAt;

        Snapshot(QueueUsage usage, Instant readAt) {
            this.usage = usage;
            this.readAt = readAt;
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
        if (snapshot != null && now.isBefore(snapshot.readAt.plus(FRESHNESS))) {
            return snapshot.usage;
        }
        QueueUsage usage = queue.usage(domain);
        snapshots.put(domain, new Snapshot(usage, now));
        return usage;
    }

    /** Something was held for the domain: the next check counts again. */
    public void invalidate(DomainName domain) {
        snapshots.remove(domain);
    }
}
