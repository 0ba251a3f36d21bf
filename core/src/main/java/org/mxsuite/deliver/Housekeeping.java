package org.mxsuite.deliver;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.hold.HeldMessage;
import org.mxsuite.hold.HeldRecipient;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.trace.TraceOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention and delay warnings of a domain's held mail: a message held past the domain's retention is returned to
 * its sender (DSN) and dropped; the sender of one held past {@link DeliverySettings#delayWarning()} is told once.
 * Each message is first claimed, so that neither happens under a delivery in progress, nor twice.
 */
final class Housekeeping {
    private static final Logger LOGGER = LoggerFactory.getLogger(Housekeeping.class);
    private static final int BATCH = 100;

    private final HoldQueue queue;
    private final Leases leases;
    private final Bouncer bouncer;
    private final DeliveryMetrics metrics;
    private final DeliverySettings settings;
    private final Clock clock;
    private final DeliveryTrace trace;

    Housekeeping(HoldQueue queue, Leases leases, Bouncer bouncer, DeliveryMetrics metrics, DeliverySettings settings, Clock clock,
                 DeliveryTrace trace) {
        this.queue = queue;
        this.leases = leases;
        this.bouncer = bouncer;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.trace = trace;
    }

    /** One round for the domain: up to a batch of expiries and a batch of delay warnings. */
    void run(HostedDomain domain) {
        HoldPolicy policy = domain.holdPolicy().orElseThrow();
        Instant now = clock.instant();
        try {
            if (policy.retention().isPresent()) {
                for (HeldMessage message : queue.receivedBefore(domain.name(), now.minus(policy.retention().get()), BATCH)) {
                    expire(message, now);
                }
            }
            if (settings.delayWarning().isPresent()) {
                for (HeldMessage message : queue.awaitingDelayWarning(domain.name(), now.minus(settings.delayWarning().get()), BATCH)) {
                    warnDelay(message, policy, now);
                }
            }
        } catch (RuntimeException e) {
            LOGGER.error("housekeeping of held mail of {} failed", domain.name(), e);
        }
    }

    private void expire(HeldMessage candidate, Instant now) {
        Optional<HeldMessage> claimed = leases.claimOutsideDelivery(candidate.id(), now);
        if (claimed.isEmpty()) {
            return;
        }
        HeldMessage message = claimed.get();
        List<RecipientStatus> statuses = new ArrayList<>();
        for (HeldRecipient recipient : message.recipients()) {
            statuses.add(RecipientStatus.expired(recipient.address(), recipient.lastReply(), Optional.empty()));
        }
        if (!message.sender().isNullSender() && !statuses.isEmpty()) {
            try {
                bouncer.bounce(message, statuses);
            } catch (Exception e) {
                LOGGER.error("cannot return expired message {} to its sender; keeping it held", message.id(), e);
                queue.release(message.id());
                return;
            }
        }
        LOGGER.info("held message {} expired after its retention time; {}", message.id(),
            message.sender().isNullSender() ? "it had no sender to tell" : "its sender was told");
        leases.drop(message.id());
        statuses.forEach(status -> metrics.bounced());
        trace.ofEveryRecipient(message, TraceOutcome.EXPIRED, "held past the domain's retention time");
    }

    private void warnDelay(HeldMessage candidate, HoldPolicy policy, Instant now) {
        Optional<HeldMessage> claimed = leases.claimOutsideDelivery(candidate.id(), now);
        if (claimed.isEmpty()) {
            return;
        }
        HeldMessage message = claimed.get();
        try {
            // the candidate was read before the claim: another node, or an earlier pass, may have warned meanwhile
            if (!message.delayWarned()) {
                warnDelayOf(message, policy);
            }
        } finally {
            queue.release(message.id());
        }
    }

    private void warnDelayOf(HeldMessage message, HoldPolicy policy) {
        if (!message.sender().isNullSender()) {
            // no retention (never): no date to give up on
            Optional<Instant> until = policy.retention().map(retention -> message.receivedAt().plus(retention));
            List<RecipientStatus> statuses = new ArrayList<>();
            for (HeldRecipient recipient : message.recipients()) {
                statuses.add(RecipientStatus.delayed(recipient.address(), recipient.lastReply(), Optional.empty(), until));
            }
            try {
                bouncer.warnDelay(message, statuses);
            } catch (Exception e) {
                LOGGER.error("cannot warn the sender of {} of the delay", message.id(), e);
                return;
            }
        }
        queue.markDelayWarned(message.id());
    }
}
