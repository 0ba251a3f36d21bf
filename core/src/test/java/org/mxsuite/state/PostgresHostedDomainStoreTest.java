package org.mxsuite.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;
import org.mxsuite.domain.HostedDomainStoreContract;
import org.mxsuite.domain.ServiceKind;

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
