package org.mxsuite.deliver;

import java.time.Clock;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.utils.PropertiesProvider;
import org.apache.mailet.MailetContext;
import org.mxsuite.dns.DnsResolver;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.state.SuiteProperties;
import org.mxsuite.hold.QueueUsageCache;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** Guice wiring of the delivery engine (extensions' injector; started by {@link DeliveryEngineStartup}). */
public class DeliveryModule extends AbstractModule {
    @Provides
    @Singleton
    DeliverySettings settings(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return DeliverySettings.from(SuiteProperties.read(propertiesProvider));
    }

    @Provides
    @Singleton
    LocalIdentity localIdentity(DeliverySettings settings, ConfigurationProvider configurations) {
        return LocalIdentity.detect(settings.heloName().orElseGet(LocalIdentity::defaultHeloName),
            SmtpServerNames.of(configurations));
    }

    @Provides
    @Singleton
    DestinationResolver destinationResolver(DNSService dns, DnsResolver mxResolver, LocalIdentity self) {
        return new DestinationResolver(dns, mxResolver, self);
    }

    @Provides
    @Singleton
    DeliveryEngine deliveryEngine(HoldQueue queue, QueueUsageCache usage, HostedDomainStore domains, DestinationResolver resolver,
                                  MailetContext mailetContext, MetricFactory metricFactory, GaugeRegistry gauges,
                                  LocalIdentity self, DeliverySettings settings) {
        return new DeliveryEngine(queue, usage, domains, resolver,
            new MailetContextBouncer(mailetContext, queue, self.heloName()),
            new DeliveryMetrics(metricFactory, gauges, queue), self, Clock.systemUTC(), settings);
    }
}
