package org.mxsuite.state;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.greylist.GreylistStore;
import org.mxsuite.greylist.GreylistStoreContract;

class PostgresGreylistStoreTest implements GreylistStoreContract {
    @RegisterExtension
    static PostgresStateStoreExtension postgres = new PostgresStateStoreExtension();

    @Override
    public GreylistStore store() {
        return new JdbcGreylistStore(postgres.stateStore());
    }
}
