package org.mxsuite.activity;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.state.PostgresStateStoreExtension;
import org.mxsuite.state.StateStore;

class PostgresActivityStoreTest implements ActivityStoreContract {
    @RegisterExtension
    static PostgresStateStoreExtension postgres = new PostgresStateStoreExtension();

    private final List<StateStore> otherNodes = new ArrayList<>();

    @Override
    public ActivityStore store() {
        return new JdbcActivityStore(postgres.stateStore());
    }

    /** A second pool on the same schema: another James node. */
    @Override
    public ActivityStore otherNode() {
        StateStore another = postgres.openAnother();
        otherNodes.add(another);
        return new JdbcActivityStore(another);
    }

    @AfterEach
    void closeOtherNodes() {
        otherNodes.forEach(StateStore::close);
    }
}
