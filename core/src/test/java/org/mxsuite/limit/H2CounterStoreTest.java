package org.mxsuite.limit;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.state.H2StateStoreExtension;

class H2CounterStoreTest implements CounterStoreContract {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    @Override
    public CounterStore store() {
        return new JdbcCounterStore(h2.stateStore());
    }
}
