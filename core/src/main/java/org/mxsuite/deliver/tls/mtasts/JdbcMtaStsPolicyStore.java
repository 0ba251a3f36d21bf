package org.mxsuite.deliver.tls.mtasts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.mxsuite.state.StateStore;
import org.mxsuite.state.StateStoreException;

/**
 * Policies in table {@code mta_sts_policy}, one row per domain. Saving is an UPDATE, or an INSERT when the domain has
 * no row; when another node inserted meanwhile its row is updated: the last fetch saved wins, and both nodes fetched
 * the same id's policy.
 */
public final class JdbcMtaStsPolicyStore implements MtaStsPolicyStore {
    private static final String UNIQUE_VIOLATION = "23505";

    private final StateStore store;

    public JdbcMtaStsPolicyStore(StateStore store) {
        this.store = store;
    }

    @Override
    public Optional<StoredPolicy> find(String domain) {
        try (Connection connection = store.connection();
             PreparedStatement select = connection.prepareStatement(
                 "SELECT policy_id, policy, fetched, expires FROM mta_sts_policy WHERE domain = ?")) {
            select.setString(1, domain);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next()
                    ? Optional.of(new StoredPolicy(rows.getString(1), rows.getString(2), Instant.ofEpochMilli(rows.getLong(3)),
                        Instant.ofEpochMilli(rows.getLong(4))))
                    : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot read the MTA-STS policy of " + domain, e);
        }
    }

    @Override
    public void save(String domain, StoredPolicy policy) {
        try (Connection connection = store.connection()) {
            if (!update(connection, domain, policy) && !insert(connection, domain, policy)) {
                update(connection, domain, policy);
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot save the MTA-STS policy of " + domain, e);
        }
    }

    private static boolean update(Connection connection, String domain, StoredPolicy policy) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
            "UPDATE mta_sts_policy SET policy_id = ?, policy = ?, fetched = ?, expires = ? WHERE domain = ?")) {
            update.setString(1, policy.id());
            update.setString(2, policy.text());
            update.setLong(3, policy.fetched().toEpochMilli());
            update.setLong(4, policy.expires().toEpochMilli());
            update.setString(5, domain);
            return update.executeUpdate() == 1;
        }
    }

    /** False when another node inserted the domain's row first. */
    private static boolean insert(Connection connection, String domain, StoredPolicy policy) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO mta_sts_policy (domain, policy_id, policy, fetched, expires) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, domain);
            insert.setString(2, policy.id());
            insert.setString(3, policy.text());
            insert.setLong(4, policy.fetched().toEpochMilli());
            insert.setLong(5, policy.expires().toEpochMilli());
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }
}
