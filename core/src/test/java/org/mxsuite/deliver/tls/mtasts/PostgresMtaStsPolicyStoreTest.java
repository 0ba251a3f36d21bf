package org.mxsuite.deliver.tls.mtasts;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.state.PostgresStateStoreExtension;
import org.mxsuite.state.StateStore;

class PostgresMtaStsPolicyStoreTest implements MtaStsPolicyStoreContract {
    @RegisterExtension
    static PostgresStateStoreExtension postgres = new PostgresStateStoreExtension();

    private final List<StateStore> otherNodes = new ArrayList<>();

    @Override
    public MtaStsPolicyStore store() {
        return new JdbcMtaStsPolicyStore(postgres.stateStore());
    }

    /** A second pool on the same schema: another James node. */
    @Override
    public MtaStsPolicyStore otherNode() {
        StateStore another = postgres.openAnother();
        otherNodes.add(another);
        return new JdbcMtaStsPolicyStore(another);
    }

    @AfterEach
    void closeOtherNodes() {
        otherNodes.forEach(StateStore::close);
    }
}
