package org.mxsuite.relay;

import java.time.Clock;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.mxsuite.dns.DnsResolver;

import org.mxsuite.state.StateStore;
import org.mxsuite.config.SuiteProperties;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * Guice wiring of the outbound relay (extensions' injector): accounts and daily counts in the state store, shared by
 * the SMTP hooks and the {@code /relay-accounts} routes. Time is James's {@link Clock} binding.
 */
public class RelayModule extends AbstractModule {
    @Provides
    @Singleton
    RelaySettings settings(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return RelaySettings.from(SuiteProperties.read(propertiesProvider));
    }

    @Provides
    @Singleton
    RelayAccountStore accounts(StateStore stateStore) {
        return new JdbcRelayAccountStore(stateStore);
    }

    @Provides
    @Singleton
    RelayQuota quota(StateStore stateStore, Clock clock) {
        return new RelayQuota(new JdbcRelayUsageStore(stateStore), clock);
    }

    @Provides
    @Singleton
    RelayClients clients(RelayAccountStore accounts, RelaySettings settings, Clock clock) {
        return new RelayClients(accounts, settings, new PasswordChecks(settings.maxConcurrentPasswordChecks()), clock);
    }

    @Provides
    @Singleton
    SenderVerification senderVerification(DnsResolver resolver) {
        return new SenderVerification(resolver);
    }

    @Provides
    @Singleton
    SpfLookupCount spfLookupCount(DnsResolver resolver) {
        return new SpfLookupCount(resolver);
    }
}
