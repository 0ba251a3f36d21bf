package org.mxsuite.panel;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.state.H2StateStoreExtension;
import org.mxsuite.state.PostgresStateStoreExtension;

/** The contract on memory, H2 and PostgreSQL. */
class PanelAccountStoresTest {
    @Nested
    class Memory implements PanelAccountStoreContract {
        private final PanelAccountStore store = new MemoryPanelAccountStore();

        @Override
        public PanelAccountStore store() {
            return store;
        }
    }

    @Nested
    class H2 implements PanelAccountStoreContract {
        @RegisterExtension
        final H2StateStoreExtension h2 = new H2StateStoreExtension();

        @Override
        public PanelAccountStore store() {
            return new JdbcPanelAccountStore(h2.stateStore());
        }
    }

    @Nested
    class Postgres implements PanelAccountStoreContract {
        @RegisterExtension
        final PostgresStateStoreExtension postgres = new PostgresStateStoreExtension();

        @Override
        public PanelAccountStore store() {
            return new JdbcPanelAccountStore(postgres.stateStore());
        }
    }
}
