package org.mxsuite.deliver;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.mxsuite.background.BackgroundThreads;
import org.mxsuite.hold.HeldMessageId;
import org.mxsuite.hold.HoldQueue;

/**
 * Keeps the leases of the messages this node is working on alive, four times per lease: a batch may take longer than
 * the lease (a slow destination), and the lease can stay short, so that another node takes over soon after this one
 * dies. It runs on a thread of its own, not queued behind the delivery passes: a long pass (a slow query on a large
 * queue or a busy database) must not let the leases of the work in progress expire (another node would then deliver
 * the same messages again).
 */
final class LeaseRenewal implements AutoCloseable {
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
        this.thread = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.daemons("mxsuite-lease-renewal"));
    }

    void start() {
        Duration period = lease.dividedBy(4);
        BackgroundThreads.repeat(thread, "renewing the leases of " + owner, period, period, this::renew);
    }

    private void renew() {
        List<HeldMessageId> current = claimed.current();
        if (!current.isEmpty()) {
            queue.renewLeases(owner, current, clock.instant(), lease);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
