package org.mxsuite.deliver;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.mxsuite.hold.HeldMessageId;
import org.mxsuite.hold.HoldQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the leases of the messages this node is working on alive, four times per lease: a batch may take longer than
 * the lease (a slow destination), and the lease can stay short, so that another node takes over soon after this one
 * dies. It runs on a thread of its own, not queued behind the delivery passes: a long pass (a slow query on a large
 * queue or a busy database) must not let the leases of the work in progress expire (another node would then deliver
 * the same messages again).
 */
final class LeaseRenewal implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(LeaseRenewal.class);

    private final HoldQueue queue;
    private final ClaimedMessages claimed;
    private final String owner;
    private final Duration lease;
    private final Clock clock;
    private final ScheduledExecutorService thread;

    LeaseRenewal(HoldQueue queue, ClaimedMessages claimed, String owner, Duration lease, Clock clock) {
        this.queue = queue;
        this.claimed = claimed;
        this.owner = owner;
        this.lease = lease;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(DeliveryEngine.daemon("mxsuite-lease-renewal"));
    }

    void start() {
        long period = Math.max(1, lease.toMillis() / 4);
        thread.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        List<HeldMessageId> current = claimed.current();
        if (current.isEmpty()) {
            return;
        }
        try {
            queue.renewLeases(owner, current, clock.instant(), lease);
        } catch (RuntimeException e) {
            LOGGER.warn("cannot renew the leases of {}: {}", owner, e.toString());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
