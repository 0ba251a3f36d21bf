package org.mxsuite.dkim;

import java.time.Clock;

import org.mxsuite.dns.DnsResolver;
import org.mxsuite.state.StateStore;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** Guice wiring of DKIM signing (extensions' injector): keys in the state store, shared by the mailet and the routes. */
public class DkimModule extends AbstractModule {
    @Provides
    @Singleton
    DkimKeys keys(StateStore stateStore, DnsResolver resolver, Clock clock) {
        return new DkimKeys(new JdbcDkimKeyStore(stateStore), new DkimKeyGenerator(), new DnsRecordCheck(resolver), clock);
    }
}
