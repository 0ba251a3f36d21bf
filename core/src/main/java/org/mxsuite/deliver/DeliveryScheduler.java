package org.mxsuite.deliver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

import org.mxsuite.background.BackgroundThreads;
import org.mxsuite.domain.Destination;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.hold.HoldQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, every {@link DeliverySettings#tick()} and when a domain is woken, what each domain that holds mail needs:
 * housekeeping when its interval has passed; a probe while its destination is not known to answer; a delivery (at
 * most {@link DeliverySettings#connectionsPerDomain()} at once, fewer if the domain's
 * {@code maxConnections} says so) when mail is due. The work runs on the workers; this
 * thread only decides.
 */
final class DeliveryScheduler implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(DeliveryScheduler.class);

    private final HoldQueue queue;
    private final HostedDomainStore domains;
    private final DeliveryMetrics metrics;
    private final DeliverySettings settings;
    private final Clock clock;
    private final Executor workers;
    private final DestinationProbe probe;
    private final BatchDelivery delivery;
    private final Housekeeping housekeeping;
    private final Map<DomainName, DomainState> states = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread;
    private volatile boolean running;

    DeliveryScheduler(HoldQueue queue, HostedDomainStore domains, DeliveryMetrics metrics, DeliverySettings settings, Clock clock,
                      Executor workers, DestinationProbe probe, BatchDelivery delivery, Housekeeping housekeeping) {
        this.queue = queue;
        this.domains = domains;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.workers = workers;
        this.probe = probe;
        this.delivery = delivery;
        this.housekeeping = housekeeping;
        this.thread = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.daemons("mxsuite-delivery-scheduler"));
    }

    /** Passes from now on, every tick. */
    void start() {
        running = true;
        BackgroundThreads.repeat(thread, "delivery pass", Duration.ZERO, settings.tick(), this::pass);
    }

    boolean isRunning() {
        return running;
    }

    /** New mail for the domain: look at it now rather than at the next pass. */
    void wake(DomainName domain) {
        if (running) {
            thread.execute(() -> consider(domain, clock.instant()));
        }
    }

    /** ETRN, "resend now": everything the domain holds is due now, and its destination is tried at once. */
    int flush(DomainName domain) {
        int messages = queue.flush(domain, clock.instant());
        state(domain).health.reset();
        wake(domain);
        return messages;
    }

    /** Looks at every domain that holds mail. */
    void pass() {
        Map<DomainName, Instant> dueTimes = queue.dueTimes();
        dueTimes.forEach(this::consider);
        // a domain that holds nothing any more starts afresh next time
        states.entrySet().removeIf(entry -> !dueTimes.containsKey(entry.getKey()) && entry.getValue().activeDeliveries.get() == 0);
    }

    private void consider(DomainName name, Instant dueAt) {
        try {
            Optional<HostedDomain> registered = domains.get(name);
            Optional<HostedDomain> hosted = DeliveryRules.of(name, registered);
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
                submit(() -> housekeeping.run(domain));
            }
            if (policy.paused()) {
                return;
            }
            DestinationHealth.State health = state.health.state();
            // not known to answer (down, or not tried since this node started) while holding mail: probe, and
            // deliver everything the moment it answers, whatever the retry interval says
            if (health == DestinationHealth.State.DOWN || (health == DestinationHealth.State.UNKNOWN && dueAt.isAfter(now))) {
                if (state.health.startProbe(now)) {
                    if (!submit(() -> probe.probe(domain, state))) {
                        state.health.probeDone();
                    }
                }
                return;
            }
            if (!dueAt.isAfter(now)) {
                int active = state.activeDeliveries.incrementAndGet();
                if (active > Math.min(settings.connectionsPerDomain(), policy.maxConnections().orElse(Integer.MAX_VALUE))
                    || !submit(() -> delivery.deliver(domain, state))) {
                    state.activeDeliveries.decrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            LOGGER.error("cannot consider held mail of {}", name, e);
        }
    }

    private boolean submit(Runnable task) {
        try {
            workers.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * Whether the domain's destination is known not to answer. What was learnt of an earlier destination says nothing
     * of the one configured now (the pass that resets it runs only while the domain holds mail).
     */
    boolean isDestinationDown(DomainName domain) {
        DomainState state = states.get(domain);
        return state != null && state.health.state() == DestinationHealth.State.DOWN
            && domains.get(domain).flatMap(HostedDomain::holdPolicy).map(HoldPolicy::destination).map(state.destination::equals)
                .orElse(false);
    }

    /** What probes and deliveries learnt of a domain's destination, for the queue listing. */
    Optional<String> lastFailure(DomainName domain) {
        DomainState state = states.get(domain);
        return state == null ? Optional.empty() : state.health.lastFailure();
    }

    /** What is known of the destination the domain's mail goes to now (unknown when it was learnt of another). */
    DestinationStatus destinationStatus(DomainName domain) {
        DomainState state = states.get(domain);
        Optional<Destination> configured = DeliveryRules.of(domain, domains.get(domain)).flatMap(HostedDomain::holdPolicy)
            .flatMap(HoldPolicy::destination);
        return state == null || !state.destination.equals(configured) ? DestinationStatus.UNKNOWN : state.health.status();
    }

    private DomainState state(DomainName domain) {
        return states.computeIfAbsent(domain, name -> new DomainState(settings));
    }

    /** No pass, no wake from now on; the work on the workers finishes on its own. */
    @Override
    public void close() {
        running = false;
        thread.shutdownNow();
    }
}
