package org.mxsuite.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mxsuite.domain.DomainName;
import org.mxsuite.state.StateStore;
import org.mxsuite.state.StateStoreException;

/**
 * Answers in table {@code verified_recipient}, one row per domain and address. Writing an answer drops the domain's
 * expired ones in the same statement batch, so the table holds little more than what is fresh. Nothing here waits
 * for durability: an answer lost in a crash is asked again.
 */
public final class JdbcVerifiedRecipientStore implements VerifiedRecipientStore {
    private static final List<String> KEY = List.of("domain", "address");
    private static final List<String> COLUMNS = List.of("domain", "address", "accepted", "reply", "verified_at", "expires_at");
    private static final String SELECT = "SELECT domain, address, accepted, reply, verified_at, expires_at FROM verified_recipient";

    private final StateStore store;
    private final String upsert;

    public JdbcVerifiedRecipientStore(StateStore store) {
        this.store = store;
        this.upsert = store.dialect().upsert("verified_recipient", KEY, COLUMNS);
    }

    @Override
    public void put(VerifiedRecipient answer) {
        try (Connection connection = store.connection();
             PreparedStatement statement = connection.prepareStatement(upsert);
             PreparedStatement purge = connection.prepareStatement("DELETE FROM verified_recipient WHERE domain = ? AND expires_at <= ?")) {
            statement.setString(1, answer.domain().asString());
            statement.setString(2, answer.address());
            statement.setBoolean(3, answer.accepted());
            statement.setString(4, answer.reply());
            statement.setTimestamp(5, Timestamp.from(answer.verified()));
            statement.setTimestamp(6, Timestamp.from(answer.expires()));
            statement.executeUpdate();
            purge.setString(1, answer.domain().asString());
            purge.setTimestamp(2, Timestamp.from(answer.verified()));
            purge.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot remember the answer for " + answer.address(), e);
        }
    }

    @Override
    public Optional<VerifiedRecipient> get(DomainName domain, String address, Instant now) {
        try (Connection connection = store.connection();
             PreparedStatement statement = connection.prepareStatement(SELECT + " WHERE domain = ? AND address = ? AND expires_at > ?")) {
            statement.setString(1, domain.asString());
            statement.setString(2, address);
            statement.setTimestamp(3, Timestamp.from(now));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot read the answer for " + address, e);
        }
    }

    @Override
    public List<VerifiedRecipient> list(DomainName domain, Instant now) {
        try (Connection connection = store.connection();
             PreparedStatement statement = connection.prepareStatement(SELECT + " WHERE domain = ? AND expires_at > ? ORDER BY address")) {
            statement.setString(1, domain.asString());
            statement.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rows = statement.executeQuery()) {
                List<VerifiedRecipient> answers = new ArrayList<>();
                while (rows.next()) {
                    answers.add(read(rows));
                }
                return answers;
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot list the verified recipients of " + domain, e);
        }
    }

    @Override
    public boolean remove(DomainName domain, String address) {
        return delete("DELETE FROM verified_recipient WHERE domain = ? AND address = ?", domain, address) > 0;
    }

    @Override
    public int removeAll(DomainName domain) {
        return delete("DELETE FROM verified_recipient WHERE domain = ?", domain, null);
    }

    private int delete(String sql, DomainName domain, String address) {
        try (Connection connection = store.connection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, domain.asString());
            if (address != null) {
                statement.setString(2, address);
            }
            return store.afterDurable(statement.executeUpdate());
        } catch (SQLException e) {
            throw new StateStoreException("cannot forget verified recipients of " + domain, e);
        }
    }

    private static VerifiedRecipient read(ResultSet rows) throws SQLException {
        return new VerifiedRecipient(DomainName.of(rows.getString("domain")), rows.getString("address"), rows.getBoolean("accepted"),
            rows.getString("reply"), rows.getTimestamp("verified_at").toInstant(), rows.getTimestamp("expires_at").toInstant());
    }
}
