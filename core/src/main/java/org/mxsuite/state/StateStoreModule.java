package org.mxsuite.state;

import org.mxsuite.config.SuiteProperties;
import java.io.FileNotFoundException;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.utils.PropertiesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * Guice wiring of the state store, installed by James in the extensions' injector
 * ({@code guice.extension.module} in {@code extensions.properties}), so that hooks, mailets and routes share
 * one pool. Each feature's module binds its own store on it (HostedDomainModule, HoldQueueModule, ...).
 */
public class StateStoreModule extends AbstractModule {
    @Provides
    @Singleton
    StateStoreConfiguration configuration(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return StateStoreConfiguration.from(SuiteProperties.read(propertiesProvider));
    }

    @Provides
    @Singleton
    StateStore stateStore(StateStoreConfiguration configuration, FileSystem fileSystem) throws FileNotFoundException {
        switch (configuration.backend()) {
            case POSTGRESQL:
                return StateStore.openPostgresql(configuration.postgresqlUrl().orElseThrow(), configuration.user(),
                    configuration.password(), configuration.schema(), configuration.poolSize());
            case H2:
            default:
                return StateStore.openH2(fileSystem.getFile(configuration.h2Path()), configuration.poolSize());
        }
    }
}
