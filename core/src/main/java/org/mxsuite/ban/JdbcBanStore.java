package org.mxsuite.ban;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mxsuite.ban.Ban;
import org.mxsuite.ban.BanStore;
import org.mxsuite.ban.BanSubject;
import org.mxsuite.ban.Protocol;
import org.mxsuite.state.StateStore;
import org.mxsuite.state.StateStoreException;

/** Failed logins in table {@code login_failure}, bans in {@code ban}, each by subject (column {@code address}). */
public final class JdbcBanStore implements BanStore {
    private static final List<String> KEY = List.of("address");
    private static final List<String> COLUMNS = List.of("address", "reason", "failures", "banned_at", "expires_at");
    private static final String SELECT_BAN = "SELECT address, reason, failures, banned_at, expires_at FROM ban";

    private final StateStore store;
    private final String upsert;

    public JdbcBanStore(StateStore store) {
        this.store = store;
        this.upsert = store.dialect().upsert("ban", KEY, COLUMNS);
    }

    @Override
    public int recordFailure(BanSubject subject, Protocol protocol, Instant at, Instant since) {
        try (Connection connection = store.connection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement forget = connection.prepareStatement("DELETE FROM login_failure WHERE address = ? AND failed_at < ?")) {
                    forget.setString(1, subject.asString());
                    forget.setLong(2, since.toEpochMilli());
                    forget.executeUpdate();
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO login_failure (address, failed_at, protocol) VALUES (?, ?, ?)")) {
                    insert.setString(1, subject.asString());
                    insert.setLong(2, at.toEpochMilli());
                    insert.setString(3, protocol.wireName());
                    insert.executeUpdate();
                }
                int count;
                try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM login_failure WHERE address = ? AND failed_at >= ?")) {
                    select.setString(1, subject.asString());
                    select.setLong(2, since.toEpochMilli());
                    try (ResultSet rows = select.executeQuery()) {
                        rows.next();
                        count = rows.getInt(1);
                    }
                }
                connection.commit();
                return count;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot record a failed login of " + subject, e);
        }
    }

    @Override
    public void ban(Ban ban) {
        try (Connection connection = store.connection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement statement = connection.prepareStatement(upsert)) {
                    statement.setString(1, ban.subject().asString());
                    statement.setString(2, ban.reason());
                    statement.setInt(3, ban.failures());
                    statement.setLong(4, ban.bannedAt().toEpochMilli());
                    statement.setLong(5, ban.expiresAt().toEpochMilli());
                    statement.executeUpdate();
                }
                forgetFailures(connection, ban.subject());
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot ban " + ban.subject(), e);
        }
        store.awaitDurable();
    }

    @Override
    public Optional<Ban> activeBan(BanSubject subject, Instant now) {
        try (Connection connection = store.connection();
             PreparedStatement statement = connection.prepareStatement(SELECT_BAN + " WHERE address = ? AND expires_at > ?")) {
            statement.setString(1, subject.asString());
            statement.setLong(2, now.toEpochMilli());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot read the ban of " + subject, e);
        }
    }

    @Override
    public List<Ban> activeBans(Instant now) {
        try (Connection connection = store.connection();
             PreparedStatement statement = connection.prepareStatement(SELECT_BAN + " WHERE expires_at > ? ORDER BY address")) {
            statement.setLong(1, now.toEpochMilli());
            try (ResultSet rows = statement.executeQuery()) {
                List<Ban> bans = new ArrayList<>();
                while (rows.next()) {
                    bans.add(read(rows));
                }
                return bans;
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot list bans", e);
        }
    }

    @Override
    public boolean lift(BanSubject subject, Instant now) {
        try (Connection connection = store.connection()) {
            connection.setAutoCommit(false);
            try {
                int lifted;
                try (PreparedStatement statement = connection.prepareStatement("DELETE FROM ban WHERE address = ? AND expires_at > ?")) {
                    statement.setString(1, subject.asString());
                    statement.setLong(2, now.toEpochMilli());
                    lifted = statement.executeUpdate();
                }
                try (PreparedStatement statement = connection.prepareStatement("DELETE FROM ban WHERE address = ?")) {
                    statement.setString(1, subject.asString());
                    statement.executeUpdate();
                }
                forgetFailures(connection, subject);
                connection.commit();
                return store.afterDurable(lifted > 0);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot lift the ban of " + subject, e);
        }
    }

    @Override
    public void purge(Instant now, Instant failuresBefore) {
        try (Connection connection = store.connection();
             PreparedStatement bans = connection.prepareStatement("DELETE FROM ban WHERE expires_at <= ?");
             PreparedStatement failures = connection.prepareStatement("DELETE FROM login_failure WHERE failed_at < ?")) {
            bans.setLong(1, now.toEpochMilli());
            bans.executeUpdate();
            failures.setLong(1, failuresBefore.toEpochMilli());
            failures.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot purge expired bans", e);
        }
    }

    private static void forgetFailures(Connection connection, BanSubject subject) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM login_failure WHERE address = ?")) {
            statement.setString(1, subject.asString());
            statement.executeUpdate();
        }
    }

    private static Ban read(ResultSet rows) throws SQLException {
        return new Ban(BanSubject.parse(rows.getString("address")), rows.getString("reason"), rows.getInt("failures"),
            Instant.ofEpochMilli(rows.getLong("banned_at")), Instant.ofEpochMilli(rows.getLong("expires_at")));
    }
}
