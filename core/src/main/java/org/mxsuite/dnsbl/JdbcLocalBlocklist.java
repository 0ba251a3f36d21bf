package org.mxsuite.dnsbl;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.mxsuite.dnsbl.LocalBlocklist;
import org.mxsuite.dnsbl.LocalBlocklistEntry;
import org.mxsuite.domain.Cidr;
import org.mxsuite.state.StateStore;
import org.mxsuite.state.StateStoreException;

/** The internal blocklist in table {@code dnsbl_local}, one row per network in its canonical form. */
public final class JdbcLocalBlocklist implements LocalBlocklist {
    private static final List<String> KEY = List.of("network");
    private static final List<String> COLUMNS = List.of("network", "reason", "expires_at", "added_at");

    private final StateStore store;
    private final Clock clock;
    private final String upsert;

    public JdbcLocalBlocklist(StateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.upsert = store.dialect().upsert("dnsbl_local", KEY, COLUMNS);
    }

    @Override
    public void put(LocalBlocklistEntry entry) {
        try (Connection connection = store.connection();
             PreparedStatement statement = connection.prepareStatement(upsert);
             PreparedStatement purge = connection.prepareStatement("DELETE FROM dnsbl_local WHERE expires_at <= ?")) {
            statement.setString(1, entry.network().toString());
            statement.setString(2, entry.reason().orElse(null));
            if (entry.expires().isPresent()) {
                statement.setTimestamp(3, Timestamp.from(entry.expires().get()));
            } else {
                statement.setNull(3, Types.TIMESTAMP);
            }
            statement.setTimestamp(4, Timestamp.from(entry.added()));
            statement.executeUpdate();
            // expired entries go when the list is edited: they are ignored until then
            purge.setTimestamp(1, Timestamp.from(clock.instant()));
            purge.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot store " + entry.network() + " on the internal blocklist", e);
        }
        store.awaitDurable();
    }

    @Override
    public Optional<LocalBlocklistEntry> get(Cidr network) {
        try (Connection connection = store.connection();
             PreparedStatement statement = connection.prepareStatement(
                 "SELECT network, reason, expires_at, added_at FROM dnsbl_local WHERE network = ?")) {
            statement.setString(1, network.toString());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)).filter(entry -> entry.isActiveAt(clock.instant())) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot read " + network + " of the internal blocklist", e);
        }
    }

    @Override
    public List<LocalBlocklistEntry> list() {
        try (Connection connection = store.connection();
             PreparedStatement statement = connection.prepareStatement(
                 "SELECT network, reason, expires_at, added_at FROM dnsbl_local ORDER BY network");
             ResultSet rows = statement.executeQuery()) {
            Instant now = clock.instant();
            List<LocalBlocklistEntry> entries = new ArrayList<>();
            while (rows.next()) {
                LocalBlocklistEntry entry = read(rows);
                if (entry.isActiveAt(now)) {
                    entries.add(entry);
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new StateStoreException("cannot list the internal blocklist", e);
        }
    }

    @Override
    public boolean remove(Cidr network) {
        try (Connection connection = store.connection();
             PreparedStatement statement = connection.prepareStatement("DELETE FROM dnsbl_local WHERE network = ?")) {
            statement.setString(1, network.toString());
            return store.afterDurable(statement.executeUpdate() > 0);
        } catch (SQLException e) {
            throw new StateStoreException("cannot remove " + network + " from the internal blocklist", e);
        }
    }

    @Override
    public Optional<LocalBlocklistEntry> match(InetAddress client) {
        return narrowest(list(), client);
    }

    static Optional<LocalBlocklistEntry> narrowest(List<LocalBlocklistEntry> entries, InetAddress client) {
        return entries.stream().filter(entry -> entry.network().contains(client))
            .max(Comparator.comparingInt(entry -> entry.network().prefix()));
    }

    private static LocalBlocklistEntry read(ResultSet rows) throws SQLException {
        Timestamp expires = rows.getTimestamp("expires_at");
        return new LocalBlocklistEntry(Cidr.parse(rows.getString("network")), Optional.ofNullable(rows.getString("reason")),
            Optional.ofNullable(expires).map(Timestamp::toInstant), rows.getTimestamp("added_at").toInstant());
    }
}
