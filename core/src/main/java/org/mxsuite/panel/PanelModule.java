package org.mxsuite.panel;

import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.state.StateStore;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** Guice wiring of the control panel's accounts (extensions' injector): in the state store, shared by every node. */
public class PanelModule extends AbstractModule {
    @Provides
    @Singleton
    PanelAccountStore accountStore(StateStore stateStore) {
        return new JdbcPanelAccountStore(stateStore);
    }

    @Provides
    @Singleton
    PanelAccounts accounts(PanelAccountStore store, HostedDomainStore domains) {
        return new PanelAccounts(store, domains);
    }
}
