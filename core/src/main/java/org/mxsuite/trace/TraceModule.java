package org.mxsuite.trace;

import java.io.FileNotFoundException;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.utils.PropertiesProvider;
import org.mxsuite.config.SuiteProperties;
import org.mxsuite.state.StateStore;
import org.mxsuite.state.StateStoreConfiguration;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * Guice wiring of the delivery trace (extensions' injector): one recorder shared by the SMTP hooks, the mailets and the
 * delivery engine, one store read by the {@code /trace} route. Started and pruned by {@link TraceHousekeeping}.
 */
public class TraceModule extends AbstractModule {
    @Provides
    @Singleton
    TraceSettings settings(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return TraceSettings.from(SuiteProperties.read(propertiesProvider));
    }

    @Provides
    @Singleton
    TraceDatabase database(StateStore stateStore, StateStoreConfiguration configuration, FileSystem fileSystem)
        throws FileNotFoundException {
        return TraceDatabase.of(stateStore, fileSystem.getFile(configuration.h2Path()));
    }

    @Provides
    @Singleton
    TraceStore traceStore(TraceDatabase database) {
        return new JdbcTraceStore(database.store());
    }

    @Provides
    @Singleton
    TraceRecorder recorder(TraceSettings settings, TraceStore store, MetricFactory metrics) {
        return settings.enabled() ? new BatchingTraceRecorder(store, settings.queueCapacity(), metrics) : TraceRecorder.OFF;
    }
}
