package org.mxsuite.state;

import java.sql.Connection;
import java.sql.SQLException;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.onami.lifecycle.DisposingStager;
import org.apache.james.utils.UserDefinedStartable;

/**
 * Opens (and migrates) the state store while James starts ({@code guice.extension.startable}), so that a
 * database that cannot be reached stops the server at boot rather than failing the first SMTP transaction; closes
 * it when James stops (extensions' singletons are not in James's own stop sequence unless registered there).
 */
public class StateStoreStartup implements UserDefinedStartable {
    private static final int VALIDATION_TIMEOUT_SECONDS = 5;

    private final StateStore stateStore;
    private final DisposingStager<PreDestroy> stopping;

    @Inject
    public StateStoreStartup(StateStore stateStore, DisposingStager<PreDestroy> stopping) {
        this.stateStore = stateStore;
        this.stopping = stopping;
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
        // James stops what it knows in reverse order of registration: the store closes after its users
        stopping.register(stateStore);
    }
}
