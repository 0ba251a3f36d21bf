package org.mxsuite.dns;

import java.time.Clock;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.mxsuite.config.SuiteProperties;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** Guice wiring of the checks' DNS client (extensions' injector). */
public class DnsModule extends AbstractModule {
    @Provides
    @Singleton
    DnsSettings settings(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return DnsSettings.from(SuiteProperties.read(propertiesProvider));
    }

    @Provides
    @Singleton
    DnsResolver resolver(DnsSettings settings) {
        return new DnsResolver(settings.servers(), settings.timeout(), settings.maxCacheTtl(), settings.maxConcurrentLookups(),
            DnsResolver.DEFAULT_MAX_CACHE_ENTRIES, Clock.systemUTC());
    }

    /** Clients' confirmed names, for the reverse DNS check and greylisting's host-name allow list. */
    @Provides
    @Singleton
    ForwardConfirmedReverseDns forwardConfirmedReverseDns(DnsResolver resolver, PropertiesProvider propertiesProvider)
        throws ConfigurationException {
        String hostsFile = SuiteProperties.read(propertiesProvider).getString("reverseDns.hostsFile");
        return new ForwardConfirmedReverseDns(resolver, HostsFile.read(java.nio.file.Path.of(hostsFile)));
    }
}
