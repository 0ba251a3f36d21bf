package org.mxsuite.domain;

import java.time.Clock;

import org.mxsuite.state.StateStore;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** The hosted domains' store, on the state store, with its cache in front ({@code extensions.properties}). */
public class HostedDomainModule extends AbstractModule {
    @Provides
    @Singleton
    HostedDomainStore hostedDomainStore(StateStore stateStore) {
        return new CachedHostedDomainStore(new JdbcHostedDomainStore(stateStore), Clock.systemUTC());
    }
}
