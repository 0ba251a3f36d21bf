package org.mxsuite.domain;

import org.mxsuite.state.H2StateStoreExtension;
import org.mxsuite.state.StateStore;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2HostedDomainStoreTest implements HostedDomainStoreContract {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    @Override
    public HostedDomainStore store() {
        return new JdbcHostedDomainStore(h2.stateStore());
    }

    @Test
    void domainsSurviveAReopenOfTheDatabaseFiles() {
        HostedDomain domain = HostedDomain.of(EXAMPLE, ServiceKind.BACKUP);
        store().put(domain);

        StateStore reopened = h2.reopen();

        assertThat(new JdbcHostedDomainStore(reopened).get(EXAMPLE)).contains(domain);
    }
}
