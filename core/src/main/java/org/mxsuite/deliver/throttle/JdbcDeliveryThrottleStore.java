package org.mxsuite.deliver.throttle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

import org.mxsuite.domain.DomainName;
import org.mxsuite.state.StateStore;
import org.mxsuite.state.StateStoreException;

/**
 * Slots in table {@code delivery_slot}, send times in {@code delivery_pace}. A slot is taken by one conditional
 * UPDATE (its lease over) or by an INSERT that the primary key lets only one node make; a send time moves on by a
 * compare-and-set UPDATE, retried when another node moved it first. Nothing here waits for durability: after a crash
 * the leases run out and the pace starts afresh, which only matters for the seconds the limits span.
 */
public final class JdbcDeliveryThrottleStore implements DeliveryThrottleStore {
    private static final String UNIQUE_VIOLATION = "23505";

    private final StateStore store;

    public JdbcDeliveryThrottleStore(StateStore store) {
        this.store = store;
    }

    @Override
    public OptionalInt takeConnection(DomainName domain, int limit, String holder, Instant now, Instant leaseEnd) {
        try (Connection connection = store.connection()) {
            Map<Integer, Long> leases = leases(connection, domain);
            for (int slot = 0; slot < limit; slot++) {
                Long end = leases.get(slot);
                boolean taken = end == null ? insert(connection, domain, slot, holder, leaseEnd)
                    : end <= now.toEpochMilli() && takeOver(connection, domain, slot, holder, now, leaseEnd);
                if (taken) {
                    return OptionalInt.of(slot);
                }
            }
            return OptionalInt.empty();
        } catch (SQLException e) {
            throw new StateStoreException("cannot take a delivery connection slot of " + domain, e);
        }
    }

    private static Map<Integer, Long> leases(Connection connection, DomainName domain) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT slot, lease_end FROM delivery_slot WHERE domain = ?")) {
            select.setString(1, domain.asString());
            Map<Integer, Long> leases = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    leases.put(rows.getInt(1), rows.getLong(2));
                }
            }
            return leases;
        }
    }

    private static boolean insert(Connection connection, DomainName domain, int slot, String holder, Instant leaseEnd) throws SQLException {
        return insertOnce(connection, "INSERT INTO delivery_slot (domain, slot, holder, lease_end) VALUES (?, ?, ?, ?)", insert -> {
            insert.setString(1, domain.asString());
            insert.setInt(2, slot);
            insert.setString(3, holder);
            insert.setLong(4, leaseEnd.toEpochMilli());
        });
    }

    /** Values of an INSERT's parameters. */
    @FunctionalInterface
    private interface Values {
        void set(PreparedStatement insert) throws SQLException;
    }

    /** Inserts the row; false when its key is taken (another node inserted it first). */
    private static boolean insertOnce(Connection connection, String sql, Values values) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            values.set(insert);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private static boolean takeOver(Connection connection, DomainName domain, int slot, String holder, Instant now, Instant leaseEnd)
        throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
            "UPDATE delivery_slot SET holder = ?, lease_end = ? WHERE domain = ? AND slot = ? AND lease_end <= ?")) {
            update.setString(1, holder);
            update.setLong(2, leaseEnd.toEpochMilli());
            update.setString(3, domain.asString());
            update.setInt(4, slot);
            update.setLong(5, now.toEpochMilli());
            return update.executeUpdate() == 1;
        }
    }

    @Override
    public boolean renewConnection(DomainName domain, int slot, String holder, Instant leaseEnd) {
        try (Connection connection = store.connection();
             PreparedStatement update = connection.prepareStatement(
                 "UPDATE delivery_slot SET lease_end = ? WHERE domain = ? AND slot = ? AND holder = ?")) {
            update.setLong(1, leaseEnd.toEpochMilli());
            update.setString(2, domain.asString());
            update.setInt(3, slot);
            update.setString(4, holder);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StateStoreException("cannot renew a delivery connection slot of " + domain, e);
        }
    }

    @Override
    public void releaseConnection(DomainName domain, int slot, String holder) {
        try (Connection connection = store.connection();
             PreparedStatement delete = connection.prepareStatement(
                 "DELETE FROM delivery_slot WHERE domain = ? AND slot = ? AND holder = ?")) {
            delete.setString(1, domain.asString());
            delete.setInt(2, slot);
            delete.setString(3, holder);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot free a delivery connection slot of " + domain, e);
        }
    }

    @Override
    public Instant reserveSend(DomainName domain, Duration spacing, Instant now) {
        try (Connection connection = store.connection()) {
            while (true) {
                Long free = nextSend(connection, domain);
                long at = free == null ? now.toEpochMilli() : Math.max(free, now.toEpochMilli());
                long next = at + Math.max(1, spacing.toMillis());
                if (free == null ? insertPace(connection, domain, next) : movePace(connection, domain, free, next)) {
                    return Instant.ofEpochMilli(at);
                }
                // another node reserved meanwhile: read its time and try again
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot reserve a send time for " + domain, e);
        }
    }

    private static Long nextSend(Connection connection, DomainName domain) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT next_send FROM delivery_pace WHERE domain = ?")) {
            select.setString(1, domain.asString());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : null;
            }
        }
    }

    private static boolean insertPace(Connection connection, DomainName domain, long next) throws SQLException {
        return insertOnce(connection, "INSERT INTO delivery_pace (domain, next_send) VALUES (?, ?)", insert -> {
            insert.setString(1, domain.asString());
            insert.setLong(2, next);
        });
    }

    private static boolean movePace(Connection connection, DomainName domain, long expected, long next) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
            "UPDATE delivery_pace SET next_send = ? WHERE domain = ? AND next_send = ?")) {
            update.setLong(1, next);
            update.setString(2, domain.asString());
            update.setLong(3, expected);
            return update.executeUpdate() == 1;
        }
    }
}
