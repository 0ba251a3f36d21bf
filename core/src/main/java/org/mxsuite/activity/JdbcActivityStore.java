package org.mxsuite.activity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.mxsuite.domain.DomainName;
import org.mxsuite.state.ConditionalAdd;
import org.mxsuite.state.StateStore;
import org.mxsuite.state.StateStoreException;

/**
 * The activity series in tables {@code activity_hour} and {@code activity_held} (migration V19). An addition is an
 * UPDATE adding to the hour's row, or the INSERT of the row; two nodes inserting the same row at once collide on the
 * key and the loser adds with the UPDATE ({@link ConditionalAdd}, without a condition). A held sample is written the
 * same way, replacing instead of adding.
 */
public final class JdbcActivityStore implements ActivityStore {
    private final StateStore store;

    public JdbcActivityStore(StateStore store) {
        this.store = store;
    }

    @Override
    public void add(List<HourCounts> counts) {
        try (Connection connection = store.connection()) {
            for (HourCounts count : counts) {
                ConditionalAdd.add(connection, c -> addTo(c, count), c -> insert(c, count), true);
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot add " + counts.size() + " hours of delivery counts", e);
        }
    }

    private static boolean addTo(Connection connection, HourCounts count) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE activity_hour SET delivered = delivered + ?,"
            + " deferred = deferred + ?, returned = returned + ? WHERE domain = ? AND hour_start = ?")) {
            update.setLong(1, count.delivered());
            update.setLong(2, count.deferred());
            update.setLong(3, count.returned());
            update.setString(4, count.domain().asString());
            update.setLong(5, count.hour().getEpochSecond());
            return update.executeUpdate() == 1;
        }
    }

    private static boolean insert(Connection connection, HourCounts count) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO activity_hour (domain, hour_start, delivered, deferred, returned) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, count.domain().asString());
            insert.setLong(2, count.hour().getEpochSecond());
            insert.setLong(3, count.delivered());
            insert.setLong(4, count.deferred());
            insert.setLong(5, count.returned());
            return insert.executeUpdate() == 1;
        }
    }

    @Override
    public List<HourCounts> hourly(DomainName domain, Instant from, Instant until) {
        try (Connection connection = store.connection();
             PreparedStatement select = connection.prepareStatement("SELECT hour_start, delivered, deferred, returned FROM activity_hour"
                 + " WHERE domain = ? AND hour_start >= ? AND hour_start < ? ORDER BY hour_start")) {
            select.setString(1, domain.asString());
            select.setLong(2, from.getEpochSecond());
            select.setLong(3, until.getEpochSecond());
            List<HourCounts> counts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.add(new HourCounts(domain, Instant.ofEpochSecond(rows.getLong(1)), rows.getLong(2), rows.getLong(3),
                        rows.getLong(4)));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new StateStoreException("cannot read the delivery counts of " + domain, e);
        }
    }

    @Override
    public void putHeld(Instant bucket, Map<DomainName, Long> held) {
        try (Connection connection = store.connection()) {
            for (Map.Entry<DomainName, Long> sample : held.entrySet()) {
                ConditionalAdd.add(connection, c -> setHeld(c, bucket, sample.getKey(), sample.getValue()),
                    c -> insertHeld(c, bucket, sample.getKey(), sample.getValue()), true);
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot write " + held.size() + " held message samples", e);
        }
    }

    private static boolean setHeld(Connection connection, Instant bucket, DomainName domain, long messages) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE activity_held SET messages = ? WHERE domain = ? AND bucket = ?")) {
            update.setLong(1, messages);
            update.setString(2, domain.asString());
            update.setLong(3, bucket.getEpochSecond());
            return update.executeUpdate() == 1;
        }
    }

    private static boolean insertHeld(Connection connection, Instant bucket, DomainName domain, long messages) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO activity_held (domain, bucket, messages) VALUES (?, ?, ?)")) {
            insert.setString(1, domain.asString());
            insert.setLong(2, bucket.getEpochSecond());
            insert.setLong(3, messages);
            return insert.executeUpdate() == 1;
        }
    }

    @Override
    public SortedMap<Instant, Long> held(DomainName domain, Instant from, Instant until) {
        try (Connection connection = store.connection();
             PreparedStatement select = connection.prepareStatement(
                 "SELECT bucket, messages FROM activity_held WHERE domain = ? AND bucket >= ? AND bucket < ?")) {
            select.setString(1, domain.asString());
            select.setLong(2, from.getEpochSecond());
            select.setLong(3, until.getEpochSecond());
            SortedMap<Instant, Long> samples = new TreeMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    samples.put(Instant.ofEpochSecond(rows.getLong(1)), rows.getLong(2));
                }
            }
            return samples;
        } catch (SQLException e) {
            throw new StateStoreException("cannot read the held message samples of " + domain, e);
        }
    }

    @Override
    public int removeBefore(Instant cutoff) {
        try (Connection connection = store.connection()) {
            return delete(connection, "DELETE FROM activity_hour WHERE hour_start < ?", cutoff)
                + delete(connection, "DELETE FROM activity_held WHERE bucket < ?", cutoff);
        } catch (SQLException e) {
            throw new StateStoreException("cannot prune the activity series", e);
        }
    }

    private static int delete(Connection connection, String sql, Instant cutoff) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setLong(1, cutoff.getEpochSecond());
            return delete.executeUpdate();
        }
    }
}
