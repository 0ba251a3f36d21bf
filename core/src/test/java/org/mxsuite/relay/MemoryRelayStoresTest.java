package org.mxsuite.relay;

import org.junit.jupiter.api.Nested;

class MemoryRelayStoresTest {
    @Nested
    class Accounts implements RelayAccountStoreContract {
        private final RelayAccountStore store = new MemoryRelayAccountStore();

        @Override
        public RelayAccountStore store() {
            return store;
        }
    }

    @Nested
    class Usage implements RelayUsageStoreContract {
        private final RelayUsageStore store = new MemoryRelayUsageStore();

        @Override
        public RelayUsageStore store() {
            return store;
        }
    }
}
