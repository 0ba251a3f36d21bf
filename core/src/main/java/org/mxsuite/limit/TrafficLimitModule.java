package org.mxsuite.limit;

import java.time.Clock;

import org.mxsuite.state.StateStore;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * Guice wiring of the traffic counters (extensions' injector): hosted domains' limits and relay senders' hourly
 * limits, counted in the state store, shared by the SMTP hooks and the WebAdmin routes. Time is James's {@link Clock}.
 */
public class TrafficLimitModule extends AbstractModule {
    @Provides
    @Singleton
    TrafficCounters counters(StateStore stateStore, Clock clock) {
        return new TrafficCounters(new JdbcCounterStore(stateStore), clock);
    }
}
