package org.mxsuite.trace;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.utils.PropertiesProvider;
import org.mxsuite.config.SuiteProperties;
import org.mxsuite.state.StateStore;

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
    TraceStore traceStore(StateStore stateStore) {
        return new JdbcTraceStore(stateStore);
    }

    @Provides
    @Singleton
    TraceRecorder recorder(TraceSettings settings, TraceStore store, MetricFactory metrics) {
        return settings.enabled() ? new BatchingTraceRecorder(store, settings.queueCapacity(), metrics) : TraceRecorder.OFF;
    }
}
