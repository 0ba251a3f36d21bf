package org.mxsuite.greylist;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.mxsuite.domain.Cidr;
import org.mxsuite.greylist.AllowList;
import org.mxsuite.greylist.GreylistCounts;
import org.mxsuite.greylist.GreylistStore;
import org.mxsuite.greylist.Triplet;
import org.mxsuite.greylist.TripletState;
import org.mxsuite.state.StateStore;
import org.mxsuite.state.StateStoreException;

/** {@link GreylistStore} on the suite's state store (H2 or PostgreSQL); one statement per call. */
public final class JdbcGreylistStore implements GreylistStore {
    /** SQLSTATE of a unique or primary key violation, the same in H2 and PostgreSQL. */
    private static final String DUPLICATE_KEY = "23505";
    private static final String TRIPLET_KEY = "network = ? AND sender = ? AND recipient = ?";

    private final StateStore store;

    public JdbcGreylistStore(StateStore store) {
        this.store = store;
    }

    @Override
    public Optional<TripletState> find(Triplet triplet) {
        try (Connection connection = store.connection();
             PreparedStatement select = connection.prepareStatement(
                 "SELECT first_seen, passed_at, last_seen FROM greylist_triplet WHERE " + TRIPLET_KEY)) {
            bindKey(select, 1, triplet);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long passed = rows.getLong(2);
                Optional<Instant> passedAt = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(passed));
                return Optional.of(new TripletState(Instant.ofEpochMilli(rows.getLong(1)), passedAt, Instant.ofEpochMilli(rows.getLong(3))));
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot read greylist triplet " + triplet, e);
        }
    }

    @Override
    public TripletState firstSight(Triplet triplet, Instant now) {
        // one statement for a new triplet (the common case of this call); a known one is read after it
        try (Connection connection = store.connection();
             PreparedStatement merge = connection.prepareStatement("MERGE INTO greylist_triplet t USING (VALUES "
                 + "(CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(512)), CAST(? AS VARCHAR(512)))) AS s (network, sender, recipient) "
                 + "ON t.network = s.network AND t.sender = s.sender AND t.recipient = s.recipient "
                 + "WHEN NOT MATCHED THEN INSERT (network, sender, recipient, first_seen, passed_at, last_seen) "
                 + "VALUES (s.network, s.sender, s.recipient, ?, NULL, ?)")) {
            bindKey(merge, 1, triplet);
            merge.setLong(4, now.toEpochMilli());
            merge.setLong(5, now.toEpochMilli());
            if (merge.executeUpdate() == 1) {
                return new TripletState(now, Optional.empty(), now);
            }
        } catch (SQLException e) {
            // two nodes inserting the same new triplet at once: the other one won
            if (!DUPLICATE_KEY.equals(e.getSQLState())) {
                throw new StateStoreException("cannot record greylist triplet " + triplet, e);
            }
        }
        return find(triplet).orElseThrow(() -> new StateStoreException("greylist triplet " + triplet + " vanished", null));
    }

    @Override
    public void restart(Triplet triplet, Instant now) {
        update("UPDATE greylist_triplet SET first_seen = ?, passed_at = NULL, last_seen = ? WHERE " + TRIPLET_KEY,
            triplet, now.toEpochMilli(), now.toEpochMilli());
    }

    @Override
    public void pass(Triplet triplet, Instant now) {
        long millis = now.toEpochMilli();
        if (update("UPDATE greylist_triplet SET passed_at = ?, last_seen = ? WHERE " + TRIPLET_KEY + " AND passed_at IS NULL",
            triplet, millis, millis) == 1) {
            countPass(triplet.network(), millis);
        }
    }

    @Override
    public void touch(Triplet triplet, Instant now) {
        update("UPDATE greylist_triplet SET last_seen = ? WHERE " + TRIPLET_KEY, triplet, now.toEpochMilli());
        touchNetwork(triplet.network(), now);
    }

    @Override
    public void touchNetwork(Cidr network, Instant now) {
        try (Connection connection = store.connection();
             PreparedStatement update = connection.prepareStatement("UPDATE greylist_network SET last_used = ? WHERE network = ?")) {
            update.setLong(1, now.toEpochMilli());
            update.setString(2, network.toString());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot update greylist network " + network, e);
        }
    }

    /** One more pass for the network: an update, or the first row (a concurrent first row makes the update retry). */
    private void countPass(Cidr network, long millis) {
        try (Connection connection = store.connection();
             PreparedStatement update = connection.prepareStatement(
                 "UPDATE greylist_network SET passes = passes + 1, last_used = ? WHERE network = ?");
             PreparedStatement insert = connection.prepareStatement(
                 "INSERT INTO greylist_network (network, passes, last_used) VALUES (?, 1, ?)")) {
            for (int attempt = 0; attempt < 3; attempt++) {
                update.setLong(1, millis);
                update.setString(2, network.toString());
                if (update.executeUpdate() == 1) {
                    return;
                }
                try {
                    insert.setString(1, network.toString());
                    insert.setLong(2, millis);
                    insert.executeUpdate();
                    return;
                } catch (SQLException e) {
                    if (!DUPLICATE_KEY.equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot count a pass of greylist network " + network, e);
        }
    }

    @Override
    public Optional<NetworkPasses> network(Cidr network) {
        try (Connection connection = store.connection();
             PreparedStatement select = connection.prepareStatement("SELECT passes, last_used FROM greylist_network WHERE network = ?")) {
            select.setString(1, network.toString());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new NetworkPasses(rows.getInt(1), Instant.ofEpochMilli(rows.getLong(2)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot read greylist network " + network, e);
        }
    }

    @Override
    public int purge(Instant unpassedBefore, Instant unusedBefore) {
        try (Connection connection = store.connection();
             PreparedStatement triplets = connection.prepareStatement("DELETE FROM greylist_triplet "
                 + "WHERE (passed_at IS NULL AND first_seen < ?) OR last_seen < ?");
             PreparedStatement networks = connection.prepareStatement("DELETE FROM greylist_network WHERE last_used < ?")) {
            triplets.setLong(1, unpassedBefore.toEpochMilli());
            triplets.setLong(2, unusedBefore.toEpochMilli());
            networks.setLong(1, unusedBefore.toEpochMilli());
            return triplets.executeUpdate() + networks.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot purge the greylist", e);
        }
    }

    @Override
    public GreylistCounts counts(int autoAllowAfter, Instant usedSince) {
        try (Connection connection = store.connection();
             PreparedStatement triplets = connection.prepareStatement(
                 "SELECT COUNT(*), COUNT(passed_at) FROM greylist_triplet");
             PreparedStatement networks = connection.prepareStatement(
                 "SELECT COUNT(*) FROM greylist_network WHERE passes >= ? AND last_used >= ?")) {
            networks.setInt(1, autoAllowAfter);
            networks.setLong(2, usedSince.toEpochMilli());
            try (ResultSet tripletRows = triplets.executeQuery(); ResultSet networkRows = networks.executeQuery()) {
                tripletRows.next();
                networkRows.next();
                return new GreylistCounts(tripletRows.getLong(1), tripletRows.getLong(2), networkRows.getLong(1));
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot count the greylist", e);
        }
    }

    @Override
    public Set<String> allowed(AllowList list) {
        try (Connection connection = store.connection();
             PreparedStatement select = connection.prepareStatement("SELECT entry FROM greylist_allow WHERE list = ?")) {
            select.setString(1, list.wireName());
            Set<String> entries = new TreeSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(rows.getString(1));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new StateStoreException("cannot read the greylisting allow list " + list.wireName(), e);
        }
    }

    @Override
    public boolean allow(AllowList list, String entry) {
        try (Connection connection = store.connection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO greylist_allow (list, entry) VALUES (?, ?)")) {
            insert.setString(1, list.wireName());
            insert.setString(2, entry);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (DUPLICATE_KEY.equals(e.getSQLState())) {
                return false;
            }
            throw new StateStoreException("cannot add to the greylisting allow list " + list.wireName(), e);
        }
    }

    @Override
    public boolean disallow(AllowList list, String entry) {
        try (Connection connection = store.connection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM greylist_allow WHERE list = ? AND entry = ?")) {
            delete.setString(1, list.wireName());
            delete.setString(2, entry);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StateStoreException("cannot remove from the greylisting allow list " + list.wireName(), e);
        }
    }

    private int update(String sql, Triplet triplet, long... values) {
        try (Connection connection = store.connection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                update.setLong(i + 1, values[i]);
            }
            bindKey(update, values.length + 1, triplet);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot update greylist triplet " + triplet, e);
        }
    }

    private static void bindKey(PreparedStatement statement, int first, Triplet triplet) throws SQLException {
        statement.setString(first, triplet.network().toString());
        statement.setString(first + 1, triplet.sender());
        statement.setString(first + 2, triplet.recipient());
    }
}
