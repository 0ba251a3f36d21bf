package org.mxsuite.dkim;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.state.PostgresStateStoreExtension;

class PostgresDkimKeyStoreTest implements DkimKeyStoreContract {
    @RegisterExtension
    static PostgresStateStoreExtension postgres = new PostgresStateStoreExtension();

    @Override
    public DkimKeyStore store() {
        return new JdbcDkimKeyStore(postgres.stateStore());
    }
}
