package org.mxsuite.state;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.relay.RelayAccountStore;
import org.mxsuite.relay.RelayAccountStoreContract;
import org.mxsuite.relay.RelayUsageStore;
import org.mxsuite.relay.RelayUsageStoreContract;

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
