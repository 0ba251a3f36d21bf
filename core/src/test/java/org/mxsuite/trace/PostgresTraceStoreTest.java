package org.mxsuite.trace;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.state.PostgresStateStoreExtension;
import org.mxsuite.state.StateStore;

class PostgresTraceStoreTest implements TraceStoreContract {
    @RegisterExtension
    static PostgresStateStoreExtension postgres = new PostgresStateStoreExtension();

    private final List<StateStore> otherNodes = new ArrayList<>();

    @Override
    public TraceStore store() {
        return new JdbcTraceStore(postgres.stateStore());
    }

    /** A second pool on the same schema: another James node. */
    @Override
    public TraceStore otherNode() {
        StateStore another = postgres.openAnother();
        otherNodes.add(another);
        return new JdbcTraceStore(another);
    }

    @AfterEach
    void closeOtherNodes() {
        otherNodes.forEach(StateStore::close);
    }
}
