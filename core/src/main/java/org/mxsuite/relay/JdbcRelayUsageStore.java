package org.mxsuite.relay;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.SortedMap;
import java.util.TreeMap;

import org.mxsuite.domain.DomainName;
import org.mxsuite.relay.RelayUsageStore;
import org.mxsuite.state.ConditionalAdd;
import org.mxsuite.state.StateStore;
import org.mxsuite.state.StateStoreException;

/**
 * Relay counts in table {@code relay_usage}. A reservation is a {@link ConditionalAdd}: no interleaving of nodes can
 * take a domain past its limit.
 */
public final class JdbcRelayUsageStore implements RelayUsageStore {
    private final StateStore store;

    public JdbcRelayUsageStore(StateStore store) {
        this.store = store;
    }

    @Override
    public Reservation reserve(DomainName domain, LocalDate day, int relays, int limit) {
        if (relays < 0) {
            throw new IllegalArgumentException("negative relays " + relays);
        }
        try (Connection connection = store.connection()) {
            boolean added = ConditionalAdd.add(connection, c -> add(c, domain, day, relays, limit), c -> insert(c, domain, day, relays),
                relays <= limit);
            return new Reservation(added, used(connection, domain, day));
        } catch (SQLException e) {
            throw new StateStoreException("cannot count relays of " + domain, e);
        }
    }

    private static boolean add(Connection connection, DomainName domain, LocalDate day, int relays, int limit) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
            "UPDATE relay_usage SET used = used + ? WHERE domain = ? AND usage_day = ? AND used + ? <= ?")) {
            update.setInt(1, relays);
            update.setString(2, domain.asString());
            update.setDate(3, Date.valueOf(day));
            update.setInt(4, relays);
            update.setInt(5, limit);
            return update.executeUpdate() == 1;
        }
    }

    private static boolean insert(Connection connection, DomainName domain, LocalDate day, int relays) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO relay_usage (domain, usage_day, used) VALUES (?, ?, ?)")) {
            insert.setString(1, domain.asString());
            insert.setDate(2, Date.valueOf(day));
            insert.setInt(3, relays);
            return insert.executeUpdate() == 1;
        }
    }

    @Override
    public int used(DomainName domain, LocalDate day) {
        try (Connection connection = store.connection()) {
            return used(connection, domain, day);
        } catch (SQLException e) {
            throw new StateStoreException("cannot read relays of " + domain, e);
        }
    }

    private static int used(Connection connection, DomainName domain, LocalDate day) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT used FROM relay_usage WHERE domain = ? AND usage_day = ?")) {
            select.setString(1, domain.asString());
            select.setDate(2, Date.valueOf(day));
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        }
    }

    @Override
    public SortedMap<LocalDate, Integer> usedByDay(DomainName domain, LocalDate first, LocalDate last) {
        try (Connection connection = store.connection();
             PreparedStatement select = connection.prepareStatement(
                 "SELECT usage_day, used FROM relay_usage WHERE domain = ? AND usage_day >= ? AND usage_day <= ? AND used > 0")) {
            select.setString(1, domain.asString());
            select.setDate(2, Date.valueOf(first));
            select.setDate(3, Date.valueOf(last));
            SortedMap<LocalDate, Integer> days = new TreeMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    days.put(rows.getDate(1).toLocalDate(), rows.getInt(2));
                }
            }
            return days;
        } catch (SQLException e) {
            throw new StateStoreException("cannot read relays of " + domain, e);
        }
    }

    @Override
    public void reset(DomainName domain, LocalDate day) {
        try (Connection connection = store.connection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM relay_usage WHERE domain = ? AND usage_day = ?")) {
            delete.setString(1, domain.asString());
            delete.setDate(2, Date.valueOf(day));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot reset relays of " + domain, e);
        }
        store.awaitDurable();
    }

    @Override
    public void purgeBefore(LocalDate day) {
        try (Connection connection = store.connection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM relay_usage WHERE usage_day < ?")) {
            delete.setDate(1, Date.valueOf(day));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot purge relay counts", e);
        }
    }
}
