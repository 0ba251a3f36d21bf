package org.mxsuite.deliver;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.mxsuite.domain.DomainName;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.hold.Outcome;

/**
 * The engine's figures in James's metric system: deliveries, deferrals, bounces, the time of a delivery
 * transaction, and per domain the held messages and bytes (gauges read from the queue when metrics are read).
 */
public class DeliveryMetrics {
    private final MetricFactory metricFactory;
    private final GaugeRegistry gauges;
    private final HoldQueue queue;
    private final Metric delivered;
    private final Metric deferred;
    private final Metric bounced;
    private final Set<DomainName> gaugedDomains = ConcurrentHashMap.newKeySet();

    public DeliveryMetrics(MetricFactory metricFactory, GaugeRegistry gauges, HoldQueue queue) {
        this.metricFactory = metricFactory;
        this.gauges = gauges;
        this.queue = queue;
        this.delivered = metricFactory.generate("mxsuite_delivered_recipients");
        this.deferred = metricFactory.generate("mxsuite_deferred_recipients");
        this.bounced = metricFactory.generate("mxsuite_bounced_recipients");
    }

    void delivered() {
        delivered.increment();
    }

    void deferred() {
        deferred.increment();
    }

    void bounced() {
        bounced.increment();
    }

    /** Each recipient's outcome: delivered, bounced or deferred. */
    void count(List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            switch (outcome.kind()) {
                case DELIVERED:
                    delivered();
                    break;
                case FAILED:
                    bounced();
                    break;
                default:
                    deferred();
            }
        }
    }

    TimeMetric transaction() {
        return metricFactory.timer("mxsuite_delivery_transaction");
    }

    /** Gauges of a domain that holds mail, registered the first time it is seen. */
    void watch(DomainName domain) {
        if (gaugedDomains.add(domain)) {
            gauges.register("mxsuite_held_messages." + domain.asString(), () -> queue.usage(domain).messages());
            gauges.register("mxsuite_held_bytes." + domain.asString(), () -> queue.usage(domain).bytes());
        }
    }
}
