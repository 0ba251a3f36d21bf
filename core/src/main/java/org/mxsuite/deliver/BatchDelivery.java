package org.mxsuite.deliver;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.TimeMetric;
import org.mxsuite.deliver.smtp.SmtpConnection;
import org.mxsuite.deliver.smtp.SmtpException;
import org.mxsuite.deliver.smtp.SmtpReply;
import org.mxsuite.deliver.smtp.Timeouts;
import org.mxsuite.deliver.smtp.TransactionResult;
import org.mxsuite.deliver.throttle.DestinationThrottle;
import org.mxsuite.deliver.throttle.DestinationThrottle.ConnectionPermit;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.hold.HeldMessage;
import org.mxsuite.hold.HeldRecipient;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.hold.Outcome;
import org.mxsuite.hold.QueueUsageCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a domain's due mail over one connection, batch after batch, until nothing is due, the engine stops or the
 * domain's settings change. Each recipient's reply is recorded: delivered, failed (its sender gets a DSN) or
 * deferred by the retry interval. A destination that cannot be reached is marked down, and the mail due stays due.
 */
final class BatchDelivery {
    private static final Logger LOGGER = LoggerFactory.getLogger(BatchDelivery.class);

    private final HoldQueue queue;
    private final QueueUsageCache usage;
    private final Leases leases;
    private final DeliveryRules rules;
    private final DestinationConnector connector;
    private final DestinationThrottle throttle;
    private final Bouncer bouncer;
    private final DeliveryMetrics metrics;
    private final Consumer<DomainName> wake;
    private final BooleanSupplier running;
    private final Clock clock;
    private final DeliveryTrace trace;

    BatchDelivery(HoldQueue queue, QueueUsageCache usage, Leases leases, DeliveryRules rules, DestinationConnector connector,
                  DestinationThrottle throttle, Bouncer bouncer, DeliveryMetrics metrics, Consumer<DomainName> wake,
                  BooleanSupplier running, Clock clock, DeliveryTrace trace) {
        this.queue = queue;
        this.usage = usage;
        this.leases = leases;
        this.rules = rules;
        this.connector = connector;
        this.throttle = throttle;
        this.bouncer = bouncer;
        this.metrics = metrics;
        this.wake = wake;
        this.running = running;
        this.clock = clock;
        this.trace = trace;
    }

    /** Runs a delivery the caller counted in {@link DomainState#activeDeliveries}; counts it out when it ends. */
    void deliver(HostedDomain domain, DomainState state) {
        HoldPolicy policy = domain.holdPolicy().orElseThrow();
        boolean wasUp = state.health.state() == DestinationHealth.State.UP;
        Optional<ConnectionPermit> permit = throttle.openConnection(domain.name(), policy);
        if (permit.isEmpty()) {
            // the domain's maxConnections are open (on this node or others): the next pass tries again
            state.activeDeliveries.decrementAndGet();
            return;
        }
        try (ConnectionPermit slot = permit.get()) {
            SmtpConnection connection;
            try {
                connection = connector.connect(domain, Timeouts.DELIVERY);
            } catch (SmtpException e) {
                unreachable(domain, state, e.reply());
                return;
            } catch (NoDestinationException e) {
                unreachable(domain, state, e.reply());
                return;
            }
            state.health.up();
            if (!wasUp) {
                // it answers and we did not know it would: what waits for a retry time goes now too
                queue.flush(domain.name(), clock.instant());
            }
            // the outcome of the previous message is written while the next one is sent: after a crash of the
            // process, at most the message in flight and the one before it are delivered again (of the machine, also
            // those whose outcomes the store had not synced yet, some milliseconds' worth)
            CompletableFuture<Void> previousWritten = CompletableFuture.completedFuture(null);
            try {
                List<HeldMessage> batch;
                while (running.getAsBoolean() && stillAsConnected(domain)
                    && !(batch = leases.claim(domain.name(), clock.instant())).isEmpty()) {
                    try {
                        for (int i = 0; i < batch.size(); i++) {
                            if (!awaitTurn(slot, domain, policy)) {
                                // stopping, or this connection's slot was lost: the rest goes later, no attempt counted
                                batch.subList(i, batch.size()).forEach(message -> queue.release(message.id()));
                                wake.accept(domain.name());
                                connection.quit();
                                return;
                            }
                            try {
                                deliverOne(connection, batch.get(i), policy);
                                previousWritten.join();
                                previousWritten = queue.written();
                                if (!connection.isReusable()) {
                                    // the rest of the batch goes over a new connection, without an attempt counted
                                    batch.subList(i + 1, batch.size()).forEach(message -> queue.release(message.id()));
                                    wake.accept(domain.name());
                                    return;
                                }
                            } catch (SmtpException e) {
                                // the connection broke: this message had an attempt, the rest of the batch did not
                                state.health.down(clock.instant(), e.reply().toString());
                                deferred(batch.get(i), e.reply(), clock.instant(), Optional.of(connection));
                                batch.subList(i + 1, batch.size()).forEach(message -> queue.release(message.id()));
                                return;
                            }
                        }
                    } finally {
                        leases.done(batch);
                    }
                }
                connection.quit();
            } finally {
                connection.close();
                previousWritten.join();
            }
        } catch (RuntimeException e) {
            LOGGER.error("delivery of held mail of {} failed", domain.name(), e);
        } finally {
            state.activeDeliveries.decrementAndGet();
        }
    }

    /** Waits for the next message's send time; false when the connection should end instead. */
    private boolean awaitTurn(ConnectionPermit slot, HostedDomain domain, HoldPolicy policy) {
        if (!slot.keepAlive()) {
            return false;
        }
        try {
            throttle.awaitTurn(domain.name(), policy);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Whether the domain is still hosted, not paused, and has the destination this connection went to: an
     * administrator's change applies to the next batch, not after the queue is drained.
     */
    private boolean stillAsConnected(HostedDomain connectedFor) {
        return rules.of(connectedFor.name())
            .flatMap(HostedDomain::holdPolicy)
            .filter(policy -> !policy.paused())
            .filter(policy -> policy.connectsAs(connectedFor.holdPolicy().orElseThrow()))
            .isPresent();
    }

    private void deliverOne(SmtpConnection connection, HeldMessage message, HoldPolicy policy) throws SmtpException {
        List<MailAddress> recipients = new ArrayList<>();
        message.recipients().forEach(recipient -> recipients.add(recipient.address()));
        TransactionResult result;
        TimeMetric timer = metrics.transaction();
        try {
            result = queue.readContent(message.id(),
                content -> connection.send(message.sender(), recipients, message.size(), content::transferTo));
            timer.stopAndPublish();
        } catch (SmtpException e) {
            throw e;
        } catch (IOException e) {
            // the message left the queue meanwhile (removed by an administrator): nothing to deliver
            LOGGER.warn("held message {} could not be read: {}", message.id(), e.getMessage());
            queue.release(message.id());
            return;
        }
        Instant now = clock.instant();
        List<Outcome> outcomes = new ArrayList<>();
        List<RecipientStatus> failures = new ArrayList<>();
        String remote = connection.greeting().lines().isEmpty() ? "" : connection.greeting().lines().get(0).split("\\s+")[0];
        for (MailAddress recipient : recipients) {
            SmtpReply reply = result.replyFor(recipient);
            if (reply.isPositive()) {
                outcomes.add(Outcome.delivered(recipient, reply.toString()));
            } else if (result.isPermanentFor(recipient)) {
                outcomes.add(Outcome.failed(recipient, reply.toString()));
                failures.add(RecipientStatus.failed(recipient, reply.toString(), Optional.of(remote).filter(host -> !host.isEmpty()),
                    Optional.of(now)));
            } else {
                outcomes.add(Outcome.deferred(recipient, reply.toString(), now.plus(policy.retryInterval())));
            }
        }
        if (!failures.isEmpty() && !message.sender().isNullSender()) {
            try {
                bouncer.bounce(message, failures);
            } catch (Exception e) {
                // keep the recipients held: the bounce is retried with them rather than lost
                LOGGER.error("cannot return held message {} to its sender; keeping it held", message.id(), e);
                outcomes.replaceAll(outcome -> outcome.kind() == Outcome.Kind.FAILED
                    ? Outcome.deferred(outcome.recipient(), outcome.reply(), now.plus(policy.retryInterval())) : outcome);
            }
        }
        if (queue.recordUnsynced(message.id(), outcomes)) {
            // the quota checks of the SMTP path see the room made at once, without counting the queue again
            usage.released(message.domain(), message.size());
        }
        metrics.count(outcomes);
        trace.attempt(message, connection, outcomes);
    }

    private void deferred(HeldMessage message, SmtpReply reply, Instant next, Optional<SmtpConnection> connection) {
        List<Outcome> outcomes = new ArrayList<>();
        for (HeldRecipient recipient : message.recipients()) {
            outcomes.add(Outcome.deferred(recipient.address(), reply.toString(), next));
        }
        queue.record(message.id(), outcomes);
        metrics.count(outcomes);
        trace.deferred(message, reply, connection);
    }

    /**
     * The destination cannot be reached. It is marked down (from now on it is only probed), and every message due at
     * this moment gets the attempt recorded, while staying due: the moment a probe reaches the destination, all of
     * it goes, and no deferral can push mail past the destination's return. The retry interval is for servers that
     * answer 4xx.
     */
    private void unreachable(HostedDomain domain, DomainState state, SmtpReply reply) {
        Instant failedAt = clock.instant();
        if (!state.health.down(failedAt, reply.toString())) {
            // another connection of this node already found it down and recorded the attempt
            return;
        }
        // recorded as due just after the failure, so that this pass ends and mail arriving meanwhile is not touched
        Instant stillDue = failedAt.plusMillis(1);
        List<HeldMessage> batch;
        while (!(batch = leases.claim(domain.name(), failedAt)).isEmpty()) {
            try {
                batch.forEach(message -> deferred(message, reply, stillDue, Optional.empty()));
            } finally {
                leases.done(batch);
            }
        }
    }
}
