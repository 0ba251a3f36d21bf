package org.mxsuite.dkim;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.mxsuite.domain.DomainName;
import org.mxsuite.state.StateStore;
import org.mxsuite.state.StateStoreException;

/** DKIM keys in table {@code dkim_key}, one row per domain and selector. */
public final class JdbcDkimKeyStore implements DkimKeyStore {
    private static final String UNIQUE_VIOLATION = "23505";

    private final StateStore store;

    public JdbcDkimKeyStore(StateStore store) {
        this.store = store;
    }

    @Override
    public List<DkimKey> keys(DomainName domain) {
        try (Connection connection = store.connection();
             PreparedStatement select = connection.prepareStatement("SELECT selector, algorithm, private_key, public_key,"
                 + " created, state, state_changed FROM dkim_key WHERE domain = ? ORDER BY created, selector")) {
            select.setString(1, domain.asString());
            List<DkimKey> keys = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(new DkimKey(domain, rows.getString(1), DkimAlgorithm.ofKeyType(rows.getString(2)).orElseThrow(),
                        Base64.getDecoder().decode(rows.getString(3)), Base64.getDecoder().decode(rows.getString(4)),
                        Instant.ofEpochMilli(rows.getLong(5)), DkimKey.State.valueOf(rows.getString(6).toUpperCase(Locale.ROOT)),
                        Instant.ofEpochMilli(rows.getLong(7))));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new StateStoreException("cannot read the DKIM keys of " + domain, e);
        }
    }

    @Override
    public boolean add(DkimKey key) {
        try (Connection connection = store.connection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO dkim_key (domain, selector, algorithm,"
                 + " private_key, public_key, created, state, state_changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, key.domain().asString());
            insert.setString(2, key.selector());
            insert.setString(3, key.algorithm().keyType());
            insert.setString(4, Base64.getEncoder().encodeToString(key.privateKey()));
            insert.setString(5, Base64.getEncoder().encodeToString(key.publicKey()));
            insert.setLong(6, key.created().toEpochMilli());
            insert.setString(7, stateName(key.state()));
            insert.setLong(8, key.stateChanged().toEpochMilli());
            insert.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw new StateStoreException("cannot add DKIM key " + key, e);
        }
        return store.afterDurable(true);
    }

    @Override
    public boolean setState(DomainName domain, String selector, DkimKey.State state, Instant at) {
        return changed(domain, selector, "UPDATE dkim_key SET state = ?, state_changed = ? WHERE domain = ? AND selector = ?",
            stateName(state), at.toEpochMilli());
    }

    @Override
    public boolean delete(DomainName domain, String selector) {
        return changed(domain, selector, "DELETE FROM dkim_key WHERE domain = ? AND selector = ?");
    }

    private boolean changed(DomainName domain, String selector, String sql, Object... first) {
        try (Connection connection = store.connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (Object value : first) {
                statement.setObject(index++, value);
            }
            statement.setString(index++, domain.asString());
            statement.setString(index, selector);
            if (statement.executeUpdate() == 0) {
                return false;
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot change DKIM key " + selector + " of " + domain, e);
        }
        return store.afterDurable(true);
    }

    private static String stateName(DkimKey.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
