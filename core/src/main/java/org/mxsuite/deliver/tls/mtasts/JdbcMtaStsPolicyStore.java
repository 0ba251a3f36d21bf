package org.mxsuite.deliver.tls.mtasts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.mxsuite.state.StateStore;
import org.mxsuite.state.StateStoreException;

/**
 * Policies in table {@code mta_sts_policy}, one row per domain, saved by one upsert: when two nodes fetch a domain's
 * policy at once, the last saved wins, and both fetched the same id's policy.
 */
public final class JdbcMtaStsPolicyStore implements MtaStsPolicyStore {
    private final StateStore store;
    private final String upsert;

    public JdbcMtaStsPolicyStore(StateStore store) {
        this.store = store;
        this.upsert = store.dialect().upsert("mta_sts_policy", List.of("domain"),
            List.of("domain", "policy_id", "policy", "fetched", "expires"));
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
        try (Connection connection = store.connection();
             PreparedStatement save = connection.prepareStatement(upsert)) {
            save.setString(1, domain);
            save.setString(2, policy.id());
            save.setString(3, policy.text());
            save.setLong(4, policy.fetched().toEpochMilli());
            save.setLong(5, policy.expires().toEpochMilli());
            save.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot save the MTA-STS policy of " + domain, e);
        }
    }
}
