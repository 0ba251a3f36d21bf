package org.mxsuite.domain;

import org.mxsuite.state.PostgresStateStoreExtension;
import org.mxsuite.state.StateStore;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresHostedDomainStoreTest implements HostedDomainStoreContract {
    @RegisterExtension
    static PostgresStateStoreExtension postgres = new PostgresStateStoreExtension();

    @Override
    public HostedDomainStore store() {
        return new JdbcHostedDomainStore(postgres.stateStore());
    }

    @Test
    void aSecondNodeOnTheSameSchemaSeesTheSameDomains() {
        HostedDomain domain = HostedDomain.of(EXAMPLE, ServiceKind.BACKUP);
        store().put(domain);

        try (StateStore secondNode = postgres.openAnother()) {
            assertThat(new JdbcHostedDomainStore(secondNode).get(EXAMPLE)).contains(domain);
        }
    }
}
