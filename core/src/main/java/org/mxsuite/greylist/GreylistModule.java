package org.mxsuite.greylist;

import java.time.Clock;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;

import org.mxsuite.state.StateStore;
import org.mxsuite.config.SuiteProperties;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** Guice wiring of greylisting (extensions' injector); {@link GreylistPurgeStartup} starts its background purge. */
public class GreylistModule extends AbstractModule {
    @Provides
    @Singleton
    GreylistSettings settings(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return GreylistSettings.from(SuiteProperties.read(propertiesProvider));
    }

    @Provides
    @Singleton
    GreylistStore store(StateStore stateStore) {
        return new JdbcGreylistStore(stateStore);
    }

    @Provides
    @Singleton
    Greylist greylist(GreylistStore store, GreylistSettings settings, Clock clock) { // James's clock (ClockModule)
        return new Greylist(store, settings, clock);
    }
}
