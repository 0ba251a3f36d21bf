package org.mxsuite.ban;

import java.time.Clock;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;

import org.mxsuite.state.StateStore;
import org.mxsuite.config.SuiteProperties;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * Guice wiring of brute-force bans (extensions' injector), shared by the SMTP, IMAP and POP3 handlers and the
 * {@code /bans} routes. Time is James's own {@link Clock} binding, which tests can replace.
 */
public class BanModule extends AbstractModule {
    @Provides
    @Singleton
    BanSettings settings(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return BanSettings.from(SuiteProperties.read(propertiesProvider));
    }

    @Provides
    @Singleton
    BanStore banStore(StateStore stateStore) {
        return new JdbcBanStore(stateStore);
    }

    @Provides
    @Singleton
    BruteForceGuard guard(BanStore store, BanSettings settings, Clock clock) {
        return new BruteForceGuard(store, settings, clock);
    }
}
