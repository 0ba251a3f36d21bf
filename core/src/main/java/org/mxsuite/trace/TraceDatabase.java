package org.mxsuite.trace;

import java.io.Closeable;
import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.mxsuite.state.SqlDialect;
import org.mxsuite.state.StateStore;
import org.mxsuite.state.StateStoreException;

/**
 * Where the trace is written. On PostgreSQL, the state store itself (shared by the nodes). On H2, a database of its own
 * beside the state store's file ({@code state-trace.mv.db}): the hold queue syncs the state store before it answers
 * 250, and each sync writes every page changed since the last; with the trace in the same file, every acceptance
 * paid for writing the trace's pages too (measured: 15 % of the acceptance rate, bench/README.md). A trace event lost
 * in a crash is not mail lost, so the trace's own file is never synced by a commit.
 */
public final class TraceDatabase implements Closeable {
    /** Trace writes come from one writer thread and searches from WebAdmin and the panel: a small pool. */
    private static final int H2_POOL_SIZE = 4;

    private final StateStore store;
    private final boolean own;

    private TraceDatabase(StateStore store, boolean own) {
        this.store = store;
        this.own = own;
    }

    /** The trace database for this state store; {@code h2BasePath} is the state store's own when it is H2. */
    public static TraceDatabase of(StateStore stateStore, File h2BasePath) {
        if (stateStore.dialect() == SqlDialect.H2) {
            TraceDatabase own = new TraceDatabase(StateStore.openH2(new File(h2BasePath.getPath() + "-trace"), H2_POOL_SIZE), true);
            forgetEventsOfEarlierVersions(stateStore);
            return own;
        }
        return new TraceDatabase(stateStore, false);
    }

    /**
     * Removes the events an earlier version wrote into the state store's own table (before the trace had a file of its
     * own): nothing reads or prunes them there any more, and they hold addresses past {@code trace.retentionDays}.
     */
    private static void forgetEventsOfEarlierVersions(StateStore stateStore) {
        try (Connection connection = stateStore.connection(); Statement delete = connection.createStatement()) {
            delete.executeUpdate("DELETE FROM trace_event");
        } catch (SQLException e) {
            throw new StateStoreException("cannot remove the trace events kept in the state store by an earlier version", e);
        }
    }

    public StateStore store() {
        return store;
    }

    /** Closes the trace's own database (H2); the shared state store is closed by its owner. */
    @Override
    public void close() {
        if (own) {
            store.close();
        }
    }
}
