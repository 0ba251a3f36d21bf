package org.mxsuite.deliver;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.TimeMetric;
import org.mxsuite.background.BackgroundThreads;
import org.mxsuite.deliver.smtp.OpportunisticTls;
import org.mxsuite.deliver.smtp.SmtpConnection;
import org.mxsuite.deliver.smtp.SmtpException;
import org.mxsuite.deliver.smtp.SmtpReply;
import org.mxsuite.deliver.smtp.Timeouts;
import org.mxsuite.deliver.smtp.TransactionResult;
import org.mxsuite.domain.Destination;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.Service;
import org.mxsuite.domain.TlsPolicy;
import org.mxsuite.hold.HeldMessage;
import org.mxsuite.hold.HeldMessageId;
import org.mxsuite.hold.HeldRecipient;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.hold.Outcome;
import org.mxsuite.hold.QueueUsageCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers held mail (Postfix's qmgr and smtp in one): reads only the hold queue, never the SMTP path.
 * A scheduler pass every {@link DeliverySettings#tick()} looks at the domains that hold mail: a destination known
 * to be down is probed until it answers, and then everything it holds is made due; due mail is claimed in batches
 * and sent over a few reused connections per domain. Several nodes may run one each on a shared queue.
 */
public final class DeliveryEngine implements Closeable {
    private static final Logger LOGGER = LoggerFactory.getLogger(DeliveryEngine.class);
    private static final int HOUSEKEEPING_BATCH = 100;
    /** How long an administrator's drop waits for a delivery that holds the message (a transaction takes milliseconds). */
    private static final Duration BUSY_WAIT = Duration.ofSeconds(3);

    private final HoldQueue queue;
    private final QueueUsageCache usage;
    private final HostedDomainStore domains;
    private final DestinationResolver resolver;
    private final Bouncer bouncer;
    private final DeliveryMetrics metrics;
    private final LocalIdentity self;
    private final Clock clock;
    private final DeliverySettings settings;
    private final String nodeId;
    private final Map<DomainName, DomainState> states = new ConcurrentHashMap<>();
    private final ClaimedMessages claimed = new ClaimedMessages();
    private final ScheduledExecutorService scheduler;
    private final LeaseRenewal leaseRenewal;
    private final ThreadPoolExecutor workers;
    private final Handshake handshake;
    private volatile boolean running;

    /** What the engine knows of one domain while it holds mail. */
    private static final class DomainState {
        final DestinationHealth health;
        /** The destination the health is about: a new one (PUT) is not known to be down. */
        volatile Optional<Destination> destination = Optional.empty();
        final AtomicInteger activeDeliveries = new AtomicInteger();
        volatile Instant nextHousekeeping = Instant.EPOCH;

        DomainState(DeliverySettings settings) {
            this.health = new DestinationHealth(settings.probeMinInterval(), settings.probeMaxInterval());
        }
    }

    public DeliveryEngine(HoldQueue queue, QueueUsageCache usage, HostedDomainStore domains, DestinationResolver resolver,
                          Bouncer bouncer, DeliveryMetrics metrics, LocalIdentity self, Clock clock, DeliverySettings settings) {
        this.queue = queue;
        this.usage = usage;
        this.domains = domains;
        this.resolver = resolver;
        this.bouncer = bouncer;
        this.metrics = metrics;
        this.self = self;
        this.clock = clock;
        this.settings = settings;
        this.nodeId = self.heloName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.daemons("mxsuite-delivery-scheduler"));
        this.leaseRenewal = new LeaseRenewal(queue, claimed, nodeId, settings.lease(), clock);
        this.workers = new ThreadPoolExecutor(0, settings.workers(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
            BackgroundThreads.daemons("mxsuite-delivery"));
        this.handshake = new Handshake(self, OpportunisticTls.context().getSocketFactory());
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        BackgroundThreads.repeat(scheduler, "delivery pass", Duration.ZERO, settings.tick(), this::pass);
        leaseRenewal.start();
        LOGGER.info("MX Suite delivery engine started as {}", nodeId);
    }

    /** New mail for the domain: look at it now rather than at the next pass. */
    public void wake(DomainName domain) {
        if (running) {
            scheduler.execute(() -> consider(domain, clock.instant()));
        }
    }

    /** ETRN, "resend now": everything the domain holds is due now, and its destination is tried at once. */
    public int flush(DomainName domain) {
        int messages = queue.flush(domain, clock.instant());
        state(domain).health.reset();
        wake(domain);
        return messages;
    }

    private void pass() {
        Map<DomainName, Instant> dueTimes = queue.dueTimes();
        dueTimes.forEach(this::consider);
        // a domain that holds nothing any more starts afresh next time
        states.entrySet().removeIf(entry -> !dueTimes.containsKey(entry.getKey()) && entry.getValue().activeDeliveries.get() == 0);
    }

    private void consider(DomainName name, Instant dueAt) {
        try {
            Optional<HostedDomain> registered = domains.get(name);
            Optional<HostedDomain> hosted = deliveryRules(name, registered);
            if (hosted.isEmpty()) {
                return;
            }
            HostedDomain domain = hosted.get();
            HoldPolicy policy = domain.holdPolicy().orElseThrow();
            DomainState state = state(name);
            // hosted domains only: a gauge for every domain mail was ever held for (forwarding, relaying) would
            // grow without end, and every read of the metrics would count each of their queues
            if (registered.isPresent()) {
                metrics.watch(name);
            }
            if (!state.destination.equals(policy.destination())) {
                state.destination = policy.destination();
                state.health.reset();
            }
            Instant now = clock.instant();
            if (!now.isBefore(state.nextHousekeeping)) {
                state.nextHousekeeping = now.plus(settings.housekeepingInterval());
                submit(() -> housekeeping(domain));
            }
            if (policy.paused()) {
                return;
            }
            DestinationHealth.State health = state.health.state();
            // not known to answer (down, or not tried since this node started) while holding mail: probe, and
            // deliver everything the moment it answers, whatever the retry interval says
            if (health == DestinationHealth.State.DOWN || (health == DestinationHealth.State.UNKNOWN && dueAt.isAfter(now))) {
                if (state.health.startProbe(now)) {
                    if (!submit(() -> probe(domain, state))) {
                        state.health.probeDone();
                    }
                }
                return;
            }
            if (!dueAt.isAfter(now)) {
                int active = state.activeDeliveries.incrementAndGet();
                if (active > settings.connectionsPerDomain() || !submit(() -> deliver(domain, state))) {
                    state.activeDeliveries.decrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            LOGGER.error("cannot consider held mail of {}", name, e);
        }
    }

    /**
     * The rules held mail of a domain is delivered by: a backup or relay domain's own; for a domain we do not host
     * (the target of a forward domain), the defaults with the domain's MX records as destination. None for the other
     * services, which never hold mail.
     */
    private Optional<HostedDomain> deliveryRules(DomainName name) {
        return deliveryRules(name, domains.get(name));
    }

    /** As {@link #deliveryRules(DomainName)}, from what the registry holds for the domain. */
    private static Optional<HostedDomain> deliveryRules(DomainName name, Optional<HostedDomain> hosted) {
        if (hosted.isEmpty()) {
            return Optional.of(HostedDomain.holding(name, Service.BACKUP, HoldPolicy.DEFAULT));
        }
        return hosted.filter(domain -> domain.service().holdsMail());
    }

    /** A batch of the domain's mail due at {@code now}, leased to this node; the caller removes it from {@code claimed}. */
    private List<HeldMessage> claim(DomainName domain, Instant now) {
        return claimed.add(queue.claim(domain, now, settings.batchSize(), nodeId, settings.lease()));
    }

    private boolean submit(Runnable task) {
        try {
            workers.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void probe(HostedDomain domain, DomainState state) {
        try {
            SmtpConnection connection = connect(domain, Timeouts.PROBE);
            connection.quit();
            LOGGER.info("destination of {} answers again: delivering what it holds", domain.name());
            state.health.up();
            queue.flush(domain.name(), clock.instant());
            wake(domain.name());
        } catch (SmtpException | NoDestinationException e) {
            state.health.down(clock.instant(), e.getMessage());
        } catch (RuntimeException e) {
            LOGGER.error("probe of the destination of {} failed", domain.name(), e);
            state.health.down(clock.instant(), e.toString());
        } finally {
            state.health.probeDone();
        }
    }

    private void deliver(HostedDomain domain, DomainState state) {
        HoldPolicy policy = domain.holdPolicy().orElseThrow();
        boolean wasUp = state.health.state() == DestinationHealth.State.UP;
        try {
            SmtpConnection connection;
            try {
                connection = connect(domain, Timeouts.DELIVERY);
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
                while (running && stillAsConnected(domain)
                    && !(batch = claim(domain.name(), clock.instant())).isEmpty()) {
                    try {
                        for (int i = 0; i < batch.size(); i++) {
                            try {
                                deliverOne(connection, batch.get(i), policy);
                                previousWritten.join();
                                previousWritten = queue.written();
                                if (!connection.isReusable()) {
                                    // the rest of the batch goes over a new connection, without an attempt counted
                                    batch.subList(i + 1, batch.size()).forEach(message -> queue.release(message.id()));
                                    wake(domain.name());
                                    return;
                                }
                            } catch (SmtpException e) {
                                // the connection broke: this message had an attempt, the rest of the batch did not
                                state.health.down(clock.instant(), e.reply().toString());
                                deferred(batch.get(i), e.reply(), clock.instant());
                                batch.subList(i + 1, batch.size()).forEach(message -> queue.release(message.id()));
                                return;
                            }
                        }
                    } finally {
                        claimed.remove(batch);
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

    /**
     * Whether the domain is still hosted, not paused, and has the destination this connection went to: an
     * administrator's change applies to the next batch, not after the queue is drained.
     */
    private boolean stillAsConnected(HostedDomain connectedFor) {
        return deliveryRules(connectedFor.name())
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
        count(outcomes);
    }

    private void count(List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            switch (outcome.kind()) {
                case DELIVERED:
                    metrics.delivered();
                    break;
                case FAILED:
                    metrics.bounced();
                    break;
                default:
                    metrics.deferred();
            }
        }
    }

    private void deferred(HeldMessage message, SmtpReply reply, Instant next) {
        List<Outcome> outcomes = new ArrayList<>();
        for (HeldRecipient recipient : message.recipients()) {
            outcomes.add(Outcome.deferred(recipient.address(), reply.toString(), next));
        }
        queue.record(message.id(), outcomes);
        count(outcomes);
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
        while (!(batch = claim(domain.name(), failedAt)).isEmpty()) {
            try {
                batch.forEach(message -> deferred(message, reply, stillDue));
            } finally {
                claimed.remove(batch);
            }
        }
    }

    private SmtpConnection connect(HostedDomain domain, Timeouts timeouts) throws SmtpException, NoDestinationException {
        TlsPolicy tls = domain.holdPolicy().orElseThrow().tls();
        SmtpException last = null;
        for (Destination destination : resolver.resolve(domain)) {
            try {
                return handshake.open(destination, tls, timeouts, Handshake.Steps.NONE);
            } catch (SmtpException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Retention and delay warnings, at most every {@link DeliverySettings#housekeepingInterval()} per domain. */
    private void housekeeping(HostedDomain domain) {
        HoldPolicy policy = domain.holdPolicy().orElseThrow();
        Instant now = clock.instant();
        try {
            if (policy.retention().isPresent()) {
                for (HeldMessage message : queue.receivedBefore(domain.name(), now.minus(policy.retention().get()), HOUSEKEEPING_BATCH)) {
                    expire(message, now);
                }
            }
            if (settings.delayWarning().isPresent()) {
                for (HeldMessage message : queue.awaitingDelayWarning(domain.name(), now.minus(settings.delayWarning().get()), HOUSEKEEPING_BATCH)) {
                    warnDelay(message, policy, now);
                }
            }
        } catch (RuntimeException e) {
            LOGGER.error("housekeeping of held mail of {} failed", domain.name(), e);
        }
    }

    private void expire(HeldMessage candidate, Instant now) {
        Optional<HeldMessage> claimed = claimOutsideDelivery(candidate.id(), now);
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
        drop(message.id());
        statuses.forEach(status -> metrics.bounced());
    }

    private void warnDelay(HeldMessage candidate, HoldPolicy policy, Instant now) {
        Optional<HeldMessage> claimed = claimOutsideDelivery(candidate.id(), now);
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

    /**
     * Drops a held message; its sender is told (DSN) if asked and if there is a sender to tell.
     * @return the message, if it was held
     */
    public Optional<HeldMessage> remove(HeldMessageId id, boolean notifySender) throws Exception {
        // a delivery holds a message for the moments of its transaction: an administrator waits that long, not more
        long deadline = System.nanoTime() + BUSY_WAIT.toNanos();
        Optional<HeldMessage> message;
        while ((message = claimOutsideDelivery(id, clock.instant())).isEmpty()) {
            if (queue.get(id).isEmpty()) {
                return Optional.empty();
            }
            if (System.nanoTime() > deadline) {
                throw new HeldMessageBusyException(id);
            }
            Thread.sleep(20);
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
        return drop(id);
    }

    /**
     * The message as it is once this node holds its lease, or empty while another lease on it lives (a delivery in
     * progress: an expiry or a drop under it would tell the sender of a failure while the message arrives; another
     * node's housekeeping: both would tell the sender) or once it is gone (delivered meanwhile).
     */
    private Optional<HeldMessage> claimOutsideDelivery(HeldMessageId id, Instant now) {
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
    private Optional<HeldMessage> drop(HeldMessageId id) {
        Optional<HeldMessage> removed = queue.remove(id);
        removed.ifPresent(message -> usage.released(message.domain(), message.size()));
        return removed;
    }

    /**
     * Connect, EHLO, STARTTLS, MAIL, RCPT, RSET, QUIT against the domain's destination, timed; sends nothing. The
     * connection is opened as a delivery opens it (loop check, the domain's {@code tls} setting).
     */
    public TestTransaction testTransaction(HostedDomain domain) {
        List<Destination> destinations;
        try {
            destinations = resolver.resolve(domain);
        } catch (NoDestinationException e) {
            TestTransaction report = new TestTransaction("none");
            report.add("resolve destination", Optional.of(e.reply().toString()), false, Duration.ZERO);
            return report;
        }
        Destination destination = destinations.get(0);
        TestTransaction report = new TestTransaction(destination.asString());
        SmtpConnection connection;
        try {
            connection = handshake.open(destination, domain.holdPolicy().orElseThrow().tls(), Timeouts.PROBE,
                (command, reply, ok, latency) -> report.add(command, Optional.of(reply), ok, latency));
        } catch (SmtpException e) {
            // a refusal is in the report already; a connection that broke (no reply at all) is not
            if (report.succeeded()) {
                report.add("connection", Optional.of(e.reply().toString()), false, Duration.ZERO);
            }
            return report;
        }
        try {
            step(report, "MAIL FROM:<>", () -> connection.command("MAIL FROM:<>"));
            String recipient = "postmaster@" + domain.name().asString();
            step(report, "RCPT TO:<" + recipient + ">", () -> connection.command("RCPT TO:<" + recipient + ">"));
            step(report, "RSET", connection::rset);
            step(report, "QUIT", () -> connection.command("QUIT"));
        } catch (SmtpException e) {
            report.add("connection", Optional.of(e.reply().toString()), false, Duration.ZERO);
        } finally {
            connection.close();
        }
        return report;
    }

    @FunctionalInterface
    private interface SmtpStep {
        SmtpReply run() throws SmtpException;
    }

    private static void step(TestTransaction report, String command, SmtpStep step) throws SmtpException {
        long start = System.nanoTime();
        SmtpReply reply = step.run();
        report.add(command, Optional.of(reply.toString()), reply.isPositive(), Handshake.since(start));
    }

    /** Whether the domain's destination is known not to answer. */
    public boolean isDestinationDown(DomainName domain) {
        DomainState state = states.get(domain);
        return state != null && state.health.state() == DestinationHealth.State.DOWN;
    }

    /** What probes and deliveries learnt of a domain's destination, for the queue listing. */
    public Optional<String> lastFailure(DomainName domain) {
        DomainState state = states.get(domain);
        return state == null ? Optional.empty() : state.health.lastFailure();
    }

    private DomainState state(DomainName domain) {
        return states.computeIfAbsent(domain, name -> new DomainState(settings));
    }

    @Override
    public synchronized void close() {
        if (running) {
            LOGGER.info("MX Suite delivery engine {} stopping", nodeId);
        }
        running = false;
        scheduler.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        } finally {
            // the batches still finishing keep their leases until they end
            leaseRenewal.close();
        }
    }
}
