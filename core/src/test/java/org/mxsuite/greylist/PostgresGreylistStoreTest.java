package org.mxsuite.greylist;

import org.mxsuite.state.PostgresStateStoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresGreylistStoreTest implements GreylistStoreContract {
    @RegisterExtension
    static PostgresStateStoreExtension postgres = new PostgresStateStoreExtension();

    @Override
    public GreylistStore store() {
        return new JdbcGreylistStore(postgres.stateStore());
    }
}
