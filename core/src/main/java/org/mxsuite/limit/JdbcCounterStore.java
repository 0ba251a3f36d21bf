package org.mxsuite.limit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import org.mxsuite.state.ConditionalAdd;
import org.mxsuite.state.StateStore;
import org.mxsuite.state.StateStoreException;

/**
 * Counters in table {@code traffic_counter}, periods as UTC epoch seconds. A reservation is a {@link ConditionalAdd}:
 * no interleaving of nodes can take a counter past its limit.
 */
public final class JdbcCounterStore implements CounterStore {
    private final StateStore store;

    public JdbcCounterStore(StateStore store) {
        this.store = store;
    }

    @Override
    public Reservation reserve(String counter, Instant start, Instant end, long amount, long limit) {
        if (amount < 0) {
            throw new IllegalArgumentException("negative amount " + amount);
        }
        try (Connection connection = store.connection()) {
            boolean added = ConditionalAdd.add(connection, c -> add(c, counter, start, amount, limit),
                c -> insert(c, counter, start, end, amount), amount <= limit);
            return new Reservation(added, used(connection, counter, start));
        } catch (SQLException e) {
            throw new StateStoreException("cannot count " + counter, e);
        }
    }

    private static boolean add(Connection connection, String counter, Instant start, long amount, long limit) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
            "UPDATE traffic_counter SET used = used + ? WHERE counter = ? AND period_start = ? AND used + ? <= ?")) {
            update.setLong(1, amount);
            update.setString(2, counter);
            update.setLong(3, start.getEpochSecond());
            update.setLong(4, amount);
            update.setLong(5, limit);
            return update.executeUpdate() == 1;
        }
    }

    private static boolean insert(Connection connection, String counter, Instant start, Instant end, long amount) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO traffic_counter (counter, period_start, period_end, used) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, counter);
            insert.setLong(2, start.getEpochSecond());
            insert.setLong(3, end.getEpochSecond());
            insert.setLong(4, amount);
            return insert.executeUpdate() == 1;
        }
    }

    @Override
    public void release(String counter, Instant start, long amount) {
        update("UPDATE traffic_counter SET used = CASE WHEN used > ? THEN used - ? ELSE 0 END WHERE counter = ? AND period_start = ?",
            "cannot release " + counter, statement -> {
                statement.setLong(1, amount);
                statement.setLong(2, amount);
                statement.setString(3, counter);
                statement.setLong(4, start.getEpochSecond());
            });
    }

    @Override
    public long used(String counter, Instant start) {
        try (Connection connection = store.connection()) {
            return used(connection, counter, start);
        } catch (SQLException e) {
            throw new StateStoreException("cannot read " + counter, e);
        }
    }

    private static long used(Connection connection, String counter, Instant start) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT used FROM traffic_counter WHERE counter = ? AND period_start = ?")) {
            select.setString(1, counter);
            select.setLong(2, start.getEpochSecond());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    @Override
    public void reset(String counter, Instant start) {
        update("DELETE FROM traffic_counter WHERE counter = ? AND period_start = ?", "cannot reset " + counter, statement -> {
            statement.setString(1, counter);
            statement.setLong(2, start.getEpochSecond());
        });
        store.awaitDurable();
    }

    @Override
    public void purgeEndedBefore(Instant instant) {
        update("DELETE FROM traffic_counter WHERE period_end <= ?", "cannot purge traffic counters",
            statement -> statement.setLong(1, instant.getEpochSecond()));
    }

    @FunctionalInterface
    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    private void update(String sql, String failure, Parameters parameters) {
        try (Connection connection = store.connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.set(statement);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException(failure, e);
        }
    }
}
