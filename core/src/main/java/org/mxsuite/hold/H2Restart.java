package org.mxsuite.hold;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.mxsuite.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the hold queue on an H2 store undoes of the run before, as it opens. H2 locks its file to one process, so
 * what is found in progress at start was left by an earlier run that stopped (a crash, {@code kill -9}).
 */
final class H2Restart {
    private static final Logger LOGGER = LoggerFactory.getLogger(H2Restart.class);
    /** A younger file may belong to a hold whose row is being committed right now. */
    private static final long ORPHAN_AGE_SECONDS = 60;

    private H2Restart() {
    }

    static void recover(StateStore store, HeldContentFiles files) {
        deleteUnheldContent(store, files);
        releaseLeasesOfEarlierRuns(store);
    }

    /** Content files whose message is not held (a crash between a row and its file); see HeldContentFiles. */
    private static void deleteUnheldContent(StateStore store, HeldContentFiles files) {
        try (Connection connection = store.connection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM held_message")) {
            Set<String> held = new HashSet<>();
            while (rows.next()) {
                held.add(rows.getString(1));
            }
            int deleted = files.deleteAllBut(held, Instant.now().minusSeconds(ORPHAN_AGE_SECONDS));
            if (deleted > 0) {
                LOGGER.info("deleted {} content file(s) of messages no longer held in {}", deleted, files.directory());
            }
        } catch (SQLException | IOException e) {
            LOGGER.warn("cannot clean up held content in {}: {}", files.directory(), e.toString());
        }
    }

    /**
     * A lease found at start was taken by a run that died: its messages are released to go at once, not when the
     * lease expires ({@code delivery.lease}). PostgreSQL is shared: there a lease may belong to another node that is
     * alive, and expires instead.
     */
    private static void releaseLeasesOfEarlierRuns(StateStore store) {
        try (Connection connection = store.connection(); Statement statement = connection.createStatement()) {
            int released = statement.executeUpdate(
                "UPDATE held_message SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL");
            if (released > 0) {
                LOGGER.info("released {} held message(s) leased by an earlier run that did not stop cleanly", released);
            }
        } catch (SQLException e) {
            LOGGER.warn("cannot release the leases of an earlier run: {}", e.toString());
        }
    }
}
