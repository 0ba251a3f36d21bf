package org.mxsuite.state;

import java.sql.Connection;
import java.sql.SQLException;

import javax.inject.Inject;

import org.apache.james.utils.UserDefinedStartable;

/**
 * Opens (and migrates) the state store while James starts ({@code guice.extension.startable}), so that a
 * database that cannot be reached stops the server at boot rather than failing the first SMTP transaction.
 */
public class StateStoreStartup implements UserDefinedStartable {
    private static final int VALIDATION_TIMEOUT_SECONDS = 5;

    private final StateStore stateStore;

    @Inject
    public StateStoreStartup(StateStore stateStore) {
        this.stateStore = stateStore;
    }

    @Override
    public void start() {
        try (Connection connection = stateStore.connection()) {
            if (!connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                throw new IllegalStateException("MX Suite state store does not answer: " + stateStore);
            }
        } catch (SQLException e) {
            throw new StateStoreException("MX Suite state store cannot be opened: " + stateStore, e);
        }
    }
}
