package org.mxsuite.embedded;

import java.io.FileNotFoundException;

import javax.jms.ConnectionFactory;

import org.apache.activemq.store.PersistenceAdapter;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.activemq.store.kahadb.disk.journal.Journal.JournalDiskSyncStrategy;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.queue.activemq.ActiveMQConfiguration;
import org.apache.james.queue.activemq.ActiveMQHealthCheck;
import org.apache.james.queue.activemq.EmbeddedActiveMQ;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollector;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollectorImpl;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollectorNoop;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.utils.PropertiesProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * The mail spool of the embedded server, on disk. James's memory product keeps its spool (the queue between the
 * 250 answered to DATA and the mailet pipeline) in memory, so a crash in that window loses mail the sender was told
 * we have. This module replaces it, through {@code overrideWith}, with James's own ActiveMQ mail queue: an embedded
 * broker whose KahaDB journal (synced to disk before a message counts as queued) and message files live under
 * {@code var/store/activemq/} of James's working directory, as in James's JPA product.
 *
 * <p>It exists because James 3.8.1 publishes the queue ({@code james-server-queue-activemq}) but not the Guice
 * module that wires it ({@code queue-activemq-guice}). Optional settings (metrics) come from
 * {@code conf/activemq.properties}, read the same way the JPA product reads it.
 */
public final class DurableSpoolModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(DurableSpoolModule.class);
    static final String CONFIGURATION_NAME = "activemq";

    @Override
    protected void configure() {
        // EmbeddedActiveMQ starts the broker when it is made, on the store bound here; James's lifecycle stops it
        bind(EmbeddedActiveMQ.class).in(Scopes.SINGLETON);
        bind(ParallelSpoolFactory.class).in(Scopes.SINGLETON);
        bind(ActiveMQMetricCollectorImpl.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().to(ActiveMQHealthCheck.class);
    }

    /** KahaDB, with every journal write forced to disk before the broker acknowledges the message. */
    @Provides
    @Singleton
    PersistenceAdapter kahaDb() {
        KahaDBPersistenceAdapter kahaDb = new KahaDBPersistenceAdapter();
        kahaDb.setJournalDiskSyncStrategy(JournalDiskSyncStrategy.ALWAYS.name());
        return kahaDb;
    }

    /** Connections to the broker in this JVM (the health check and the metric collector use it too). */
    @Provides
    @Singleton
    ConnectionFactory brokerConnections(EmbeddedActiveMQ broker) {
        return broker.getConnectionFactory();
    }

    /**
     * The one spool factory behind the three keys James asks for. It is prepared here, once: James's Guice does not
     * run {@code @PostConstruct}, and without {@code init()} the factory cannot register its queues' MBeans.
     */
    @Provides
    @Singleton
    MailQueueFactory<? extends ManageableMailQueue> manageableSpool(ParallelSpoolFactory factory) {
        factory.setUseJMX(true);
        factory.init();
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<?> spool(MailQueueFactory<? extends ManageableMailQueue> factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> spoolOfMailQueues(MailQueueFactory<? extends ManageableMailQueue> factory) {
        return factory;
    }

    /** {@code conf/activemq.properties} when there is one; James's defaults otherwise. */
    @Provides
    @Singleton
    ActiveMQConfiguration brokerSettings(PropertiesProvider properties) throws ConfigurationException {
        try {
            return ActiveMQConfiguration.from(properties.getConfigurations(CONFIGURATION_NAME));
        } catch (FileNotFoundException e) {
            LOGGER.info("no {}.properties: the mail spool uses James's default ActiveMQ settings", CONFIGURATION_NAME);
            return ActiveMQConfiguration.getDefault();
        }
    }

    /** Broker and queue gauges when metrics are on (the default); a collector that does nothing otherwise. */
    @Provides
    @Singleton
    ActiveMQMetricCollector metricCollector(ActiveMQConfiguration settings, Provider<ActiveMQMetricCollectorImpl> collector) {
        if (settings.getMetricConfiguration().isEnabled()) {
            return collector.get();
        }
        return new ActiveMQMetricCollectorNoop();
    }

    @ProvidesIntoSet
    InitializationOperation startMetricCollector(ActiveMQMetricCollector collector) {
        return InitilizationOperationBuilder.forClass(ActiveMQMetricCollector.class).init(collector::start);
    }
}
