package org.mxsuite.deliver;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mxsuite.hold.HeldMessage;
import org.mxsuite.hold.HeldMessageId;
import org.mxsuite.hold.HeldRecipient;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.trace.TraceOutcome;

/**
 * The administrator's drop of a held message (REST {@code DELETE}), with a DSN to its sender if asked. A delivery
 * holds a message for the moments of its transaction: the drop waits that long for it ({@code busyWait}), not more.
 */
final class AdministratorDrop {
    /** How long a drop waits for a delivery that holds the message (a transaction takes milliseconds). */
    static final Duration BUSY_WAIT = Duration.ofSeconds(3);
    private static final long RETRY_MILLIS = 20;

    private final HoldQueue queue;
    private final Leases leases;
    private final Bouncer bouncer;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final Duration busyWait;
    private final DeliveryTrace trace;

    AdministratorDrop(HoldQueue queue, Leases leases, Bouncer bouncer, DeliveryMetrics metrics, Clock clock, Duration busyWait,
                      DeliveryTrace trace) {
        this.queue = queue;
        this.leases = leases;
        this.bouncer = bouncer;
        this.metrics = metrics;
        this.clock = clock;
        this.busyWait = busyWait;
        this.trace = trace;
    }

    /**
     * Drops a held message; its sender is told (DSN) if asked and if there is a sender to tell.
     * @return the message, if it was held
     */
    Optional<HeldMessage> remove(HeldMessageId id, boolean notifySender) throws Exception {
        long deadline = System.nanoTime() + busyWait.toNanos();
        Optional<HeldMessage> message;
        while ((message = leases.claimOutsideDelivery(id, clock.instant())).isEmpty()) {
            if (queue.get(id).isEmpty()) {
                return Optional.empty();
            }
            if (System.nanoTime() > deadline) {
                throw new HeldMessageBusyException(id);
            }
            Thread.sleep(RETRY_MILLIS);
        }
        if (notifySender && !message.get().sender().isNullSender()) {
            List<RecipientStatus> statuses = new ArrayList<>();
            for (HeldRecipient recipient : message.get().recipients()) {
                statuses.add(RecipientStatus.failed(recipient.address(), "550 5.0.0 removed from the queue by the administrator",
                    Optional.empty(), Optional.empty()));
            }
            try {
                bouncer.bounce(message.get(), statuses);
            } catch (Exception e) {
                queue.release(id);
                throw e;
            }
            statuses.forEach(status -> metrics.bounced());
        }
        Optional<HeldMessage> dropped = leases.drop(id);
        dropped.ifPresent(held -> trace.ofEveryRecipient(held, TraceOutcome.DROPPED, "removed from the queue by the administrator"));
        return dropped;
    }
}
