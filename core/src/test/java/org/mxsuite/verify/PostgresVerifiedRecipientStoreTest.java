package org.mxsuite.verify;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.state.PostgresStateStoreExtension;
import org.mxsuite.state.StateStore;

class PostgresVerifiedRecipientStoreTest implements VerifiedRecipientStoreContract {
    @RegisterExtension
    static PostgresStateStoreExtension postgres = new PostgresStateStoreExtension();

    private final List<StateStore> otherNodes = new ArrayList<>();

    @Override
    public VerifiedRecipientStore store() {
        return new JdbcVerifiedRecipientStore(postgres.stateStore());
    }

    /** A second pool on the same schema: another James node. */
    @Override
    public VerifiedRecipientStore otherNode() {
        StateStore another = postgres.openAnother();
        otherNodes.add(another);
        return new JdbcVerifiedRecipientStore(another);
    }

    @AfterEach
    void closeOtherNodes() {
        otherNodes.forEach(StateStore::close);
    }
}
