package org.mxsuite.relay;

import org.mxsuite.state.PostgresStateStoreExtension;
import org.mxsuite.state.StateStore;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresRelayStoresTest {
    @RegisterExtension
    static PostgresStateStoreExtension postgres = new PostgresStateStoreExtension();

    @Nested
    class Accounts implements RelayAccountStoreContract {
        @Override
        public RelayAccountStore store() {
            return new JdbcRelayAccountStore(postgres.stateStore());
        }
    }

    @Nested
    class Usage implements RelayUsageStoreContract {
        private final List<StateStore> otherNodes = new ArrayList<>();

        @Override
        public RelayUsageStore store() {
            return new JdbcRelayUsageStore(postgres.stateStore());
        }

        /** A second pool on the same schema: another James node. */
        @Override
        public RelayUsageStore otherNode() {
            StateStore another = postgres.openAnother();
            otherNodes.add(another);
            return new JdbcRelayUsageStore(another);
        }

        @AfterEach
        void closeOtherNodes() {
            otherNodes.forEach(StateStore::close);
        }
    }
}
