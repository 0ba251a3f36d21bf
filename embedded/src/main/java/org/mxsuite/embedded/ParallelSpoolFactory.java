package org.mxsuite.embedded;

import javax.inject.Inject;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.activemq.EmbeddedActiveMQ;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollector;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;

/** James's ActiveMQ queue factory, making {@link ParallelSpoolQueue}s. */
final class ParallelSpoolFactory extends ActiveMQMailQueueFactory {
    /** Senders per queue: more than James's SMTP worker threads ever enqueue at once on 2 to 8 cores. */
    static final int SENDERS = 32;

    private final ActiveMQMetricCollector collector;

    @Inject
    ParallelSpoolFactory(EmbeddedActiveMQ broker, MailQueueItemDecoratorFactory decorators, MetricFactory metrics,
                         GaugeRegistry gauges, ActiveMQMetricCollector collector) {
        super(broker, decorators, metrics, gauges, collector);
        this.collector = collector;
    }

    @Override
    protected ManageableMailQueue createCacheableMailQueue(MailQueueName name) {
        collector.collectQueueStatistics(name);
        return new ParallelSpoolQueue(connectionFactory, mailQueueItemDecoratorFactory, name, metricFactory, gaugeRegistry, SENDERS);
    }
}
