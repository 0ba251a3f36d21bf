package org.mxsuite.dnsbl;

import java.time.Clock;

import org.mxsuite.state.StateStore;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** The internal blocklist's store, on the state store, with its cache in front ({@code extensions.properties}). */
public class LocalBlocklistModule extends AbstractModule {
    @Provides
    @Singleton
    LocalBlocklist localBlocklist(StateStore stateStore) {
        return new CachedLocalBlocklist(new JdbcLocalBlocklist(stateStore, Clock.systemUTC()), Clock.systemUTC());
    }
}
