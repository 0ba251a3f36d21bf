package org.mxsuite.hold;

import org.mxsuite.state.StateStore;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** The hold queue, on the state store ({@code extensions.properties}). */
public class HoldQueueModule extends AbstractModule {
    @Provides
    @Singleton
    HoldQueue holdQueue(StateStore stateStore) {
        return new JdbcHoldQueue(stateStore);
    }
}
