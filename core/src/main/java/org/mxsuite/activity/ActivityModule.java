package org.mxsuite.activity;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.mxsuite.config.SuiteProperties;
import org.mxsuite.state.StateStore;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * Guice wiring of the activity series (extensions' injector): one counter fed by the delivery engine, one store
 * written by {@link ActivityHousekeeping} and read by the panel's charts.
 */
public class ActivityModule extends AbstractModule {
    @Provides
    @Singleton
    ActivitySettings settings(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return ActivitySettings.from(SuiteProperties.read(propertiesProvider));
    }

    @Provides
    @Singleton
    ActivityStore store(StateStore stateStore) {
        return new JdbcActivityStore(stateStore);
    }

    @Provides
    @Singleton
    DeliveryCounter counter() {
        return new DeliveryCounter();
    }
}
