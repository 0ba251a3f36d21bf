package org.mxsuite.testing;

import java.time.Clock;
import java.util.Set;

import org.apache.james.metrics.api.NoopGaugeRegistry;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.mxsuite.deliver.throttle.MemoryDeliveryThrottleStore;
import org.mxsuite.deliver.Bouncer;
import org.mxsuite.deliver.DeliveryEngine;
import org.mxsuite.deliver.DeliveryMetrics;
import org.mxsuite.deliver.DeliverySettings;
import org.mxsuite.deliver.DestinationResolver;
import org.mxsuite.deliver.LocalIdentity;
import org.mxsuite.deliver.tls.OutboundTls;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.hold.QueueUsageCache;

/**
 * A delivery engine that is never started, for what hands mail to it or acts on its queue (the mailets that hold
 * mail, the queue's routes): being woken does nothing, a flush makes mail due, a drop removes and bounces; nothing is
 * delivered, nothing connects anywhere. Built in this one place, so that a change of the engine's parts changes here.
 */
public final class UnstartedDeliveryEngine {
    private UnstartedDeliveryEngine() {
    }

    private static final LocalIdentity SELF = new LocalIdentity("mx.test.example", Set.of());

    public static DeliveryEngine on(HoldQueue queue, HostedDomainStore domains, Bouncer bouncer, Clock clock) {
        return new DeliveryEngine(queue, new QueueUsageCache(queue, clock), domains, resolver(clock), bouncer,
            new DeliveryMetrics(new RecordingMetricFactory(), new NoopGaugeRegistry(), queue), SELF, clock, DeliverySettings.defaults(),
            new MemoryDeliveryThrottleStore(), OutboundTls.settingOnly());
    }

    /** The engine's resolver: destinations written as IP literals are known, any name is unknown (no DNS is asked). */
    public static DestinationResolver resolver(Clock clock) {
        // no James DNS service: only a destination given by name would need it
        return new DestinationResolver(null, SilentDns.resolver(clock), SELF);
    }
}
