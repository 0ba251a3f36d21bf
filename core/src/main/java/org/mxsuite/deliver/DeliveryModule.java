package org.mxsuite.deliver;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.Domain;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.utils.PropertiesProvider;
import org.apache.mailet.MailetContext;
import org.mxsuite.activity.DeliveryCounter;
import org.mxsuite.dns.DnsResolver;
import org.mxsuite.dns.DnsSettings;
import org.mxsuite.dns.SenderDomainLookup;
import org.mxsuite.dns.SpfCheck;
import org.mxsuite.deliver.throttle.JdbcDeliveryThrottleStore;
import org.mxsuite.deliver.tls.MxTlsSource;
import org.mxsuite.deliver.tls.OutboundTls;
import org.mxsuite.deliver.tls.TrustAnchors;
import org.mxsuite.deliver.tls.mtasts.HttpsPolicyFetcher;
import org.mxsuite.deliver.tls.mtasts.JdbcMtaStsPolicyStore;
import org.mxsuite.deliver.tls.mtasts.MtaStsMetrics;
import org.mxsuite.deliver.tls.mtasts.MtaStsSettings;
import org.mxsuite.deliver.tls.mtasts.MtaStsSource;
import org.mxsuite.deliver.tls.dane.DaneSettings;
import org.mxsuite.deliver.tls.dane.DaneSource;
import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.config.SuiteProperties;
import org.mxsuite.hold.QueueUsageCache;

import org.mxsuite.state.StateStore;
import org.mxsuite.trace.TraceRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** Guice wiring of the delivery engine (extensions' injector; started by {@link DeliveryEngineStartup}). */
public class DeliveryModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(DeliveryModule.class);

    @Provides
    @Singleton
    DeliverySettings settings(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return DeliverySettings.from(SuiteProperties.read(propertiesProvider));
    }

    @Provides
    @Singleton
    LocalIdentity localIdentity(DeliverySettings settings, ConfigurationProvider configurations, PropertiesProvider propertiesProvider)
            throws ConfigurationException {
        String heloName = settings.heloName().orElseGet(LocalIdentity::defaultHeloName);
        // created when the delivery engine starts, with James: a name no receiver would accept stops the server there
        String srsDomain = SuiteProperties.read(propertiesProvider).getString("forward.srsDomain");
        List<String> binds = ServerNameCheck.smtpBinds(configurations);
        ServerNameCheck.require(heloName, settings.heloName().isPresent(), srsDomain.isBlank() ? Optional.empty() : Optional.of(srsDomain.trim()), binds);
        Set<String> greetingNames = SmtpServerNames.of(configurations);
        ServerNameCheck.greetingWarnings(greetingNames, binds).forEach(LOGGER::warn);
        return LocalIdentity.detect(heloName, greetingNames);
    }

    @Provides
    @Singleton
    DestinationResolver destinationResolver(DNSService dns, DnsResolver mxResolver, LocalIdentity self,
                                            PropertiesProvider propertiesProvider) throws ConfigurationException {
        String key = "delivery.addressFamilies";
        return new DestinationResolver(dns, mxResolver, self,
            // a value with a comma comes as a list
            AddressOrder.parse(key, String.join(",", SuiteProperties.read(propertiesProvider).getStringArray(key))));
    }

    /** DSNs to the senders of unauthenticated mail only where they would not be backscatter. */
    @Provides
    @Singleton
    BackscatterGuard backscatterGuard(DnsResolver dns, HostedDomainStore domains, MailetContext mailetContext) {
        return new BackscatterGuard(new SpfCheck(dns), new SenderDomainLookup(dns), domain -> servedHere(domains, mailetContext, domain));
    }

    private static boolean servedHere(HostedDomainStore domains, MailetContext mailetContext, String domain) {
        try {
            return domains.get(DomainName.of(domain)).isPresent() || mailetContext.isLocalServer(Domain.of(domain));
        } catch (IllegalArgumentException e) {
            // not a domain name (InvalidSettingException): not one of ours
            return false;
        }
    }

    @Provides
    @Singleton
    DeliveryEngine deliveryEngine(HoldQueue queue, QueueUsageCache usage, HostedDomainStore domains, DestinationResolver resolver,
                                  MailetContext mailetContext, MetricFactory metricFactory, GaugeRegistry gauges,
                                  LocalIdentity self, DeliverySettings settings, BackscatterGuard guard, StateStore stateStore,
                                  OutboundTls tls, TraceRecorder trace, DeliveryCounter counter) {
        return new DeliveryEngine(queue, usage, domains, resolver,
            new MailetContextBouncer(mailetContext, queue, self.heloName(), guard),
            new DeliveryMetrics(metricFactory, gauges, queue), self, Clock.systemUTC(), settings,
            new JdbcDeliveryThrottleStore(stateStore), tls, counter.counting(trace));
    }

    /** Who decides each connection's TLS: DANE, then MTA-STS, for MX hosts; the domain's tls setting otherwise. */
    @Provides
    @Singleton
    OutboundTls outboundTls(DeliverySettings settings, DnsSettings dnsSettings, DnsResolver dns, StateStore stateStore,
                            MetricFactory metricFactory, PropertiesProvider propertiesProvider) throws ConfigurationException {
        Configuration properties = SuiteProperties.read(propertiesProvider);
        TrustAnchors anchors = settings.trustAnchors();
        List<MxTlsSource> mxSources = new ArrayList<>();
        // DANE first: it takes precedence over MTA-STS (RFC 8461 section 2)
        DaneSource.configured(DaneSettings.from(properties), dnsSettings,
            metricFactory.generate("mxsuite_dane_tlsa_lookups")::increment).ifPresent(mxSources::add);
        MtaStsSettings mtaSts = MtaStsSettings.from(properties);
        if (mtaSts.enabled()) {
            mxSources.add(new MtaStsSource(dns, new HttpsPolicyFetcher(dns, anchors.clientContext(), mtaSts.fetchTimeout()),
                new JdbcMtaStsPolicyStore(stateStore), anchors, new MtaStsMetrics(metricFactory), Clock.systemUTC(),
                mtaSts.txtCacheTime()));
        }
        return new OutboundTls(anchors, mxSources);
    }
}
