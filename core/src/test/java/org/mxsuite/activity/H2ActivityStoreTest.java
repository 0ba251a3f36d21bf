package org.mxsuite.activity;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.state.H2StateStoreExtension;

class H2ActivityStoreTest implements ActivityStoreContract {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    @Override
    public ActivityStore store() {
        return new JdbcActivityStore(h2.stateStore());
    }
}
