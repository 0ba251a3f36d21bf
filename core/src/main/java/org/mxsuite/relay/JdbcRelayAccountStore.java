package org.mxsuite.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

import org.mxsuite.domain.DomainName;
import org.mxsuite.relay.PasswordHash;
import org.mxsuite.relay.RelayAccount;
import org.mxsuite.relay.RelayAccountName;
import org.mxsuite.relay.RelayAccountStore;
import org.mxsuite.state.StateStore;
import org.mxsuite.state.StateStoreException;

/** Relay accounts in table {@code relay_account}, their domains in {@code relay_account_domain}. */
public final class JdbcRelayAccountStore implements RelayAccountStore {
    private static final String SELECT = "SELECT a.name, a.password_hash, a.daily_limit, d.domain, a.hourly_limit, a.max_recipients FROM relay_account a"
        + " JOIN relay_account_domain d ON d.name = a.name";

    private final StateStore store;
    private final String upsert;

    public JdbcRelayAccountStore(StateStore store) {
        this.store = store;
        this.upsert = store.dialect().upsert("relay_account", List.of("name"), List.of("name", "password_hash", "daily_limit", "hourly_limit", "max_recipients"));
    }

    @Override
    public boolean put(RelayAccount account) {
        String name = account.name().asString();
        try (Connection connection = store.connection()) {
            connection.setAutoCommit(false);
            try {
                boolean created;
                try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM relay_account WHERE name = ?")) {
                    exists.setString(1, name);
                    try (ResultSet rows = exists.executeQuery()) {
                        created = !rows.next();
                    }
                }
                try (PreparedStatement statement = connection.prepareStatement(upsert)) {
                    statement.setString(1, name);
                    statement.setString(2, account.password().encoded());
                    statement.setInt(3, account.dailyLimit());
                    setOptional(statement, 4, account.hourlyLimit());
                    setOptional(statement, 5, account.maxRecipients());
                    statement.executeUpdate();
                }
                try (PreparedStatement forget = connection.prepareStatement("DELETE FROM relay_account_domain WHERE name = ?")) {
                    forget.setString(1, name);
                    forget.executeUpdate();
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO relay_account_domain (name, domain) VALUES (?, ?)")) {
                    for (DomainName domain : account.domains()) {
                        insert.setString(1, name);
                        insert.setString(2, domain.asString());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                connection.commit();
                return store.afterDurable(created);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot store relay account " + name, e);
        }
    }

    private static void setOptional(PreparedStatement statement, int index, OptionalInt value) throws SQLException {
        if (value.isPresent()) {
            statement.setInt(index, value.getAsInt());
        } else {
            statement.setNull(index, Types.INTEGER);
        }
    }

    @Override
    public Optional<RelayAccount> get(RelayAccountName name) {
        List<RelayAccount> found = select(" WHERE a.name = ?", name.asString());
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<RelayAccount> list() {
        return select("", null);
    }

    @Override
    public boolean delete(RelayAccountName name) {
        try (Connection connection = store.connection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement domains = connection.prepareStatement("DELETE FROM relay_account_domain WHERE name = ?");
                 PreparedStatement account = connection.prepareStatement("DELETE FROM relay_account WHERE name = ?")) {
                domains.setString(1, name.asString());
                domains.executeUpdate();
                account.setString(1, name.asString());
                boolean deleted = account.executeUpdate() > 0;
                connection.commit();
                return store.afterDurable(deleted);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot delete relay account " + name, e);
        }
    }

    /** Accounts matching {@code where} (with at most one parameter), by name, each with all its domains. */
    private List<RelayAccount> select(String where, String parameter) {
        try (Connection connection = store.connection();
             PreparedStatement statement = connection.prepareStatement(SELECT + where + " ORDER BY a.name, d.domain")) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            Map<String, Row> accounts = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    accounts.computeIfAbsent(rows.getString(1), key -> new Row())
                        .read(rows);
                }
            }
            List<RelayAccount> result = new ArrayList<>();
            accounts.forEach((name, row) -> result.add(row.account(name)));
            return result;
        } catch (SQLException e) {
            throw new StateStoreException("cannot read relay accounts", e);
        }
    }

    private static final class Row {
        private String passwordHash;
        private int dailyLimit;
        private OptionalInt hourlyLimit = OptionalInt.empty();
        private OptionalInt maxRecipients = OptionalInt.empty();
        private final Set<DomainName> domains = new TreeSet<>();

        void read(ResultSet rows) {
            try {
                passwordHash = rows.getString(2);
                dailyLimit = rows.getInt(3);
                domains.add(DomainName.of(rows.getString(4)));
                hourlyLimit = optional(rows, 5);
                maxRecipients = optional(rows, 6);
            } catch (SQLException e) {
                throw new StateStoreException("cannot read a relay account", e);
            }
        }

        private static OptionalInt optional(ResultSet rows, int column) throws SQLException {
            int value = rows.getInt(column);
            return rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
        }

        RelayAccount account(String name) {
            return new RelayAccount(RelayAccountName.of(name), PasswordHash.parse(passwordHash), domains, dailyLimit, hourlyLimit,
                maxRecipients);
        }
    }
}
