package org.mxsuite.deliver;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.mxsuite.domain.DomainName;
import org.mxsuite.hold.HeldMessage;
import org.mxsuite.hold.HeldMessageId;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.hold.QueueUsageCache;

/**
 * Held mail as this node takes it from the queue: claimed under this node's lease (renewed while worked on, by
 * {@link LeaseRenewal}), and dropped so that the quota checks of the SMTP path see the room made at once.
 */
final class Leases implements AutoCloseable {
    private final HoldQueue queue;
    private final QueueUsageCache usage;
    private final DeliverySettings settings;
    private final String nodeId;
    private final ClaimedMessages claimed = new ClaimedMessages();
    private final LeaseRenewal renewal;

    Leases(HoldQueue queue, QueueUsageCache usage, DeliverySettings settings, String nodeId, Clock clock) {
        this.queue = queue;
        this.usage = usage;
        this.settings = settings;
        this.nodeId = nodeId;
        this.renewal = new LeaseRenewal(queue, claimed, nodeId, settings.lease(), clock);
    }

    String nodeId() {
        return nodeId;
    }

    /** Starts renewing the leases of the batches in progress. */
    void start() {
        renewal.start();
    }

    /** A batch of the domain's mail due at {@code now}, leased to this node; the caller hands it to {@link #done}. */
    List<HeldMessage> claim(DomainName domain, Instant now) {
        return claimed.add(queue.claim(domain, now, settings.batchSize(), nodeId, settings.lease()));
    }

    /** The batch is done with, however it ended: its leases are no longer renewed. */
    void done(List<HeldMessage> batch) {
        claimed.remove(batch);
    }

    /**
     * The message as it is once this node holds its lease, or empty while another lease on it lives (a delivery in
     * progress: an expiry or a drop under it would tell the sender of a failure while the message arrives; another
     * node's housekeeping: both would tell the sender) or once it is gone (delivered meanwhile).
     */
    Optional<HeldMessage> claimOutsideDelivery(HeldMessageId id, Instant now) {
        if (!queue.claimMessage(id, now, nodeId, settings.lease())) {
            return Optional.empty();
        }
        Optional<HeldMessage> message = queue.get(id);
        if (message.isEmpty() || message.get().recipients().isEmpty()) {
            queue.release(id);
            return Optional.empty();
        }
        return message;
    }

    /** Removes a held message; the quota checks of the SMTP path see the room made at once, as after a delivery. */
    Optional<HeldMessage> drop(HeldMessageId id) {
        Optional<HeldMessage> removed = queue.remove(id);
        removed.ifPresent(message -> usage.released(message.domain(), message.size()));
        return removed;
    }

    /** Stops renewing: the batches still finishing keep their leases until they end. */
    @Override
    public void close() {
        renewal.close();
    }
}
