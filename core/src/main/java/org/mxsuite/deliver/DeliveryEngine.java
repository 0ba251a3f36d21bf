package org.mxsuite.deliver;

import java.io.Closeable;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.mxsuite.background.BackgroundThreads;
import org.mxsuite.deliver.smtp.OpportunisticTls;
import org.mxsuite.deliver.throttle.DeliveryThrottleStore;
import org.mxsuite.deliver.throttle.DestinationThrottle;
import org.mxsuite.deliver.tls.OutboundTls;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.hold.HeldMessage;
import org.mxsuite.hold.HeldMessageId;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.hold.QueueUsageCache;
import org.mxsuite.trace.TraceRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers held mail (Postfix's qmgr and smtp in one): reads only the hold queue, never the SMTP path. It puts
 * together the parts that each do one job: {@link DeliveryScheduler} decides, every tick, what each domain that holds
 * mail needs; {@link DestinationProbe} probes a destination known to be down until it answers;
 * {@link BatchDelivery} sends due mail in batches over a few reused connections per domain; {@link Housekeeping}
 * expires mail and warns of delays; {@link AdministratorDrop} drops a message; {@link TestTransactions} runs the REST
 * test transaction. {@link DeliveryRules} says how a domain's mail is delivered. Several nodes may run one each on a
 * shared queue.
 */
public final class DeliveryEngine implements Closeable {
    private static final Logger LOGGER = LoggerFactory.getLogger(DeliveryEngine.class);

    private final Leases leases;
    private final ThreadPoolExecutor workers;
    private final DeliveryScheduler scheduler;
    private final AdministratorDrop drop;
    private final TestTransactions testTransactions;

    public DeliveryEngine(HoldQueue queue, QueueUsageCache usage, HostedDomainStore domains, DestinationResolver resolver,
                          Bouncer bouncer, DeliveryMetrics metrics, LocalIdentity self, Clock clock, DeliverySettings settings,
                          DeliveryThrottleStore throttles, OutboundTls tls) {
        this(queue, usage, domains, resolver, bouncer, metrics, self, clock, settings, throttles, tls, TraceRecorder.OFF);
    }

    /** An engine that records each step of held mail's delivery in the trace. */
    public DeliveryEngine(HoldQueue queue, QueueUsageCache usage, HostedDomainStore domains, DestinationResolver resolver,
                          Bouncer untraced, DeliveryMetrics metrics, LocalIdentity self, Clock clock, DeliverySettings settings,
                          DeliveryThrottleStore throttles, OutboundTls tls, TraceRecorder recorder) {
        DeliveryTrace trace = new DeliveryTrace(recorder, clock);
        Bouncer bouncer = trace.returns(untraced);
        String nodeId = self.heloName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.leases = new Leases(queue, usage, settings, nodeId, clock);
        this.workers = new ThreadPoolExecutor(0, settings.workers(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
            BackgroundThreads.daemons("mxsuite-delivery"));
        Handshake handshake = new Handshake(self, OpportunisticTls.context().getSocketFactory());
        DestinationConnector connector = new DestinationConnector(resolver, handshake, tls);
        this.scheduler = new DeliveryScheduler(queue, domains, metrics, settings, clock, workers,
            new DestinationProbe(queue, connector, this::wake, clock),
            new BatchDelivery(queue, usage, leases, new DeliveryRules(domains), connector,
                new DestinationThrottle(throttles, nodeId, settings.lease(), clock, DestinationThrottle.SLEEP), bouncer, metrics,
                this::wake, this::isRunning, clock, trace),
            new Housekeeping(queue, leases, bouncer, metrics, settings, clock, trace));
        this.drop = new AdministratorDrop(queue, leases, bouncer, metrics, clock, AdministratorDrop.BUSY_WAIT, trace);
        this.testTransactions = new TestTransactions(resolver, connector);
    }

    public synchronized void start() {
        if (scheduler.isRunning()) {
            return;
        }
        scheduler.start();
        leases.start();
        LOGGER.info("MX Suite delivery engine started as {}", leases.nodeId());
    }

    private boolean isRunning() {
        return scheduler.isRunning();
    }

    /** New mail for the domain: look at it now rather than at the next pass. */
    public void wake(DomainName domain) {
        scheduler.wake(domain);
    }

    /** ETRN, "resend now": everything the domain holds is due now, and its destination is tried at once. */
    public int flush(DomainName domain) {
        return scheduler.flush(domain);
    }

    /**
     * Drops a held message; its sender is told (DSN) if asked and if there is a sender to tell.
     * @return the message, if it was held
     */
    public Optional<HeldMessage> remove(HeldMessageId id, boolean notifySender) throws Exception {
        return drop.remove(id, notifySender);
    }

    /**
     * Connect, EHLO, STARTTLS, MAIL, RCPT, RSET, QUIT against the domain's destination, timed; sends nothing. The
     * connection is opened as a delivery opens it (loop check, the domain's {@code tls} setting).
     */
    public TestTransaction testTransaction(HostedDomain domain) {
        return testTransactions.run(domain);
    }

    /** Whether the domain's destination is known not to answer. */
    public boolean isDestinationDown(DomainName domain) {
        return scheduler.isDestinationDown(domain);
    }

    /** What probes and deliveries learnt of a domain's destination, for the queue listing. */
    public Optional<String> lastFailure(DomainName domain) {
        return scheduler.lastFailure(domain);
    }

    /** Whether the domain's destination answers, its last failure, its next probe: the operator's view of it. */
    public DestinationStatus destinationStatus(DomainName domain) {
        return scheduler.destinationStatus(domain);
    }

    @Override
    public synchronized void close() {
        if (scheduler.isRunning()) {
            LOGGER.info("MX Suite delivery engine {} stopping", leases.nodeId());
        }
        scheduler.close();
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
            leases.close();
        }
    }
}
