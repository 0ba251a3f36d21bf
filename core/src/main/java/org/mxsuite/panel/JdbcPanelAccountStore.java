package org.mxsuite.panel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.mxsuite.domain.DomainName;
import org.mxsuite.relay.PasswordHash;
import org.mxsuite.state.StateStore;
import org.mxsuite.state.StateStoreException;

/** Panel accounts in table {@code panel_account}, an owner's domains in one column (space separated, by name). */
public final class JdbcPanelAccountStore implements PanelAccountStore {
    private static final String COLUMNS = "name, role, password_hash, domains";

    private final StateStore store;
    private final String upsert;

    public JdbcPanelAccountStore(StateStore store) {
        this.store = store;
        this.upsert = store.dialect().upsert("panel_account", List.of("name"), List.of("name", "role", "password_hash", "domains"));
    }

    @Override
    public boolean put(PanelAccount account) {
        String name = account.name().asString();
        try (Connection connection = store.connection()) {
            connection.setAutoCommit(false);
            try {
                boolean created = select(connection, name).isEmpty();
                try (PreparedStatement statement = connection.prepareStatement(upsert)) {
                    statement.setString(1, name);
                    statement.setString(2, account.role().wireName());
                    statement.setString(3, account.password().encoded());
                    statement.setString(4, account.domains().stream().map(DomainName::asString).collect(Collectors.joining(" ")));
                    statement.executeUpdate();
                }
                connection.commit();
                return store.afterDurable(created);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot store panel account " + name, e);
        }
    }

    @Override
    public Optional<PanelAccount> get(PanelAccountName name) {
        try (Connection connection = store.connection()) {
            List<PanelAccount> found = select(connection, name.asString());
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        } catch (SQLException e) {
            throw new StateStoreException("cannot read panel account " + name, e);
        }
    }

    @Override
    public List<PanelAccount> list() {
        try (Connection connection = store.connection()) {
            return select(connection, null);
        } catch (SQLException e) {
            throw new StateStoreException("cannot read panel accounts", e);
        }
    }

    @Override
    public boolean delete(PanelAccountName name) {
        try (Connection connection = store.connection();
             PreparedStatement statement = connection.prepareStatement("DELETE FROM panel_account WHERE name = ?")) {
            statement.setString(1, name.asString());
            return store.afterDurable(statement.executeUpdate() > 0);
        } catch (SQLException e) {
            throw new StateStoreException("cannot delete panel account " + name, e);
        }
    }

    /** One account when {@code name} is given, else all, by name. */
    private static List<PanelAccount> select(Connection connection, String name) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM panel_account" + (name == null ? "" : " WHERE name = ?") + " ORDER BY name";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (name != null) {
                statement.setString(1, name);
            }
            List<PanelAccount> accounts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String domains = rows.getString(4);
                    Set<DomainName> owned = domains == null || domains.isBlank() ? Set.of()
                        : Arrays.stream(domains.split(" ")).map(DomainName::of).collect(Collectors.toSet());
                    accounts.add(new PanelAccount(PanelAccountName.of(rows.getString(1)), PanelRole.parse(rows.getString(2)),
                        PasswordHash.parse(rows.getString(3)), owned));
                }
            }
            return accounts;
        }
    }
}
