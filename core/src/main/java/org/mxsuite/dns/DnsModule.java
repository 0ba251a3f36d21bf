package org.mxsuite.dns;

import java.time.Clock;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.mxsuite.state.SuiteProperties;

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
        return new DnsResolver(settings.servers(), settings.timeout(), settings.maxCacheTtl(), Clock.systemUTC());
    }
}
