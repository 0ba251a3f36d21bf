package org.mxsuite.deliver.throttle;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.state.PostgresStateStoreExtension;
import org.mxsuite.state.StateStore;

class PostgresDeliveryThrottleStoreTest implements DeliveryThrottleStoreContract {
    @RegisterExtension
    static PostgresStateStoreExtension postgres = new PostgresStateStoreExtension();

    private final List<StateStore> otherNodes = new ArrayList<>();

    @Override
    public DeliveryThrottleStore store() {
        return new JdbcDeliveryThrottleStore(postgres.stateStore());
    }

    /** A second pool on the same schema: another James node. */
    @Override
    public DeliveryThrottleStore otherNode() {
        StateStore another = postgres.openAnother();
        otherNodes.add(another);
        return new JdbcDeliveryThrottleStore(another);
    }

    @AfterEach
    void closeOtherNodes() {
        otherNodes.forEach(StateStore::close);
    }
}
