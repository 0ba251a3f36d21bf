package org.mxsuite.deliver;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.api.Gauge;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.mxsuite.deliver.smtp.OpportunisticTls;
import org.mxsuite.deliver.throttle.DestinationThrottle;
import org.mxsuite.deliver.throttle.MemoryDeliveryThrottleStore;
import org.mxsuite.deliver.tls.OutboundTls;
import org.mxsuite.trace.MemoryTraceStore;
import org.mxsuite.trace.TraceEvent;
import org.mxsuite.trace.TraceQuery;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.ServiceKind;
import org.mxsuite.hold.HeldMessage;
import org.mxsuite.hold.HeldMessageId;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.testing.MutableClock;
import org.mxsuite.hold.Outcome;
import org.mxsuite.hold.QueueUsageCache;
import org.mxsuite.hold.JdbcHoldQueue;
import org.mxsuite.domain.JdbcHostedDomainStore;
import org.mxsuite.state.StateStore;

/**
 * The real parts of delivery, as the engine puts them together, on an H2 hold queue and registry, with a clock the
 * tests move and a bouncer that records what it was asked to send. Nothing of James runs.
 */
final class DeliveryParts {
    static final DomainName DOMAIN = DomainName.of("customer.example");

    /** Records the DSNs asked for; throws while {@link #failing}. */
    static final class RecordingBouncer implements Bouncer {
        final List<List<RecipientStatus>> bounces = new CopyOnWriteArrayList<>();
        final List<List<RecipientStatus>> delayWarnings = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        @Override
        public void bounce(HeldMessage message, List<RecipientStatus> recipients) throws Exception {
            if (failing) {
                throw new IOException("the spool is full");
            }
            bounces.add(recipients);
        }

        @Override
        public void warnDelay(HeldMessage message, List<RecipientStatus> recipients) throws Exception {
            if (failing) {
                throw new IOException("the spool is full");
            }
            delayWarnings.add(recipients);
        }
    }

    private static final GaugeRegistry NO_GAUGES = new GaugeRegistry() {
        @Override
        public <T> GaugeRegistry register(String name, Gauge<T> gauge) {
            return this;
        }

        @Override
        public <T> SettableGauge<T> settableGauge(String name) {
            throw new UnsupportedOperationException();
        }
    };

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final DeliverySettings settings = DeliverySettings.defaults();
    final HoldQueue queue;
    final HostedDomainStore domains;
    final QueueUsageCache usage;
    final RecordingMetricFactory metricFactory = new RecordingMetricFactory();
    final DeliveryMetrics metrics;
    final RecordingBouncer bouncer = new RecordingBouncer();
    final Leases leases;
    final DestinationResolver resolver;
    final Handshake handshake;
    final DestinationConnector connector;
    final List<DomainName> woken = new CopyOnWriteArrayList<>();
    final MemoryDeliveryThrottleStore throttles = new MemoryDeliveryThrottleStore();
    /** The send times a delivery waited for; the wait moves the clock there instead of sleeping. */
    final List<Instant> waits = new CopyOnWriteArrayList<>();
    final DestinationThrottle throttle;
    /** The trace the parts record, written at once. */
    final MemoryTraceStore traceStore = new MemoryTraceStore();
    final DeliveryTrace trace = new DeliveryTrace(event -> traceStore.add(List.of(event)), clock);

    DeliveryParts(StateStore store) {
        queue = new JdbcHoldQueue(store, clock);
        domains = new JdbcHostedDomainStore(store, clock);
        usage = new QueueUsageCache(queue, clock);
        metrics = new DeliveryMetrics(metricFactory, NO_GAUGES, queue);
        leases = new Leases(queue, usage, settings, "node-a", clock);
        LocalIdentity self = new LocalIdentity("mx.test", Set.of());
        // destinations are IP literals here: DNS is never asked
        resolver = new DestinationResolver(null, null, self);
        handshake = new Handshake(self, OpportunisticTls.context().getSocketFactory());
        connector = new DestinationConnector(resolver, handshake, OutboundTls.settingOnly());
        throttle = new DestinationThrottle(throttles, "node-a", settings.lease(), clock, (time, ignored) -> {
            waits.add(time);
            if (time.isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), time));
            }
        });
    }

    /** A hosted backup domain with these settings, as stored. */
    HostedDomain host(HoldPolicy policy) {
        HostedDomain domain = HostedDomain.holding(DOMAIN, ServiceKind.BACKUP, policy);
        domains.put(domain);
        return domain;
    }

    HeldMessageId hold(String sender, String... recipients) throws Exception {
        List<MailAddress> addresses = new ArrayList<>();
        for (String recipient : recipients) {
            addresses.add(new MailAddress(recipient));
        }
        return queue.hold(DOMAIN, sender.isEmpty() ? MaybeSender.nullSender() : MaybeSender.of(new MailAddress(sender)),
            addresses, new ByteArrayInputStream("Subject: held\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8)));
    }

    /** The domain's mail waits for a retry at {@code next}, as after a 4xx. */
    void deferAll(Instant next) {
        for (HeldMessage message : queue.claim(DOMAIN, clock.instant(), 1000, "earlier-attempt", settings.lease())) {
            List<Outcome> outcomes = new ArrayList<>();
            message.recipients().forEach(recipient -> outcomes.add(Outcome.deferred(recipient.address(), "451 4.3.0 later", next)));
            queue.record(message.id(), outcomes);
        }
    }

    DomainState state() {
        return new DomainState(settings);
    }

    int count(String metric) {
        return metricFactory.countFor(metric);
    }

    /** What the trace holds, oldest first. */
    List<TraceEvent> traced() {
        List<TraceEvent> newestFirst = new java.util.ArrayList<>(traceStore.search(TraceQuery.builder().limit(TraceQuery.MAX_LIMIT).build()));
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }
}
