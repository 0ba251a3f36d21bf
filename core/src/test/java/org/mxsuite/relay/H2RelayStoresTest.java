package org.mxsuite.relay;

import org.mxsuite.state.H2StateStoreExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2RelayStoresTest {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    @Nested
    class Accounts implements RelayAccountStoreContract {
        @Override
        public RelayAccountStore store() {
            return new JdbcRelayAccountStore(h2.stateStore());
        }
    }

    @Nested
    class Usage implements RelayUsageStoreContract {
        @Override
        public RelayUsageStore store() {
            return new JdbcRelayUsageStore(h2.stateStore());
        }
    }
}
