package org.mxsuite.hold;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import javax.mail.internet.AddressException;

import org.apache.commons.io.input.CountingInputStream;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.mxsuite.domain.DomainName;
import org.mxsuite.hold.HandOff;
import org.mxsuite.hold.HeldMessage;
import org.mxsuite.hold.HeldMessageId;
import org.mxsuite.hold.HeldRecipient;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.hold.Origin;
import org.mxsuite.hold.SpoolFileContent;
import org.mxsuite.hold.Outcome;
import org.mxsuite.hold.QueueUsage;
import org.mxsuite.state.StateStore;
import org.mxsuite.state.StateStoreException;

/**
 * The hold queue in tables {@code held_message} (envelope, content, lease) and {@code held_recipient} (one row per
 * recipient still to deliver). Claims are conditional updates of the lease, which every SQL database serialises on
 * the row: two nodes never hold a live lease on one message.
 */
public final class JdbcHoldQueue implements HoldQueue {
    private static final int MAX_REPLY_LENGTH = 1000;
    private static final String MESSAGE_COLUMNS = "id, domain, sender, size, received_at, delay_warned";
    /**
     * A domain's messages oldest first, in the order of the index held_message_order: with the whole index order
     * spelled out, H2 reads the first rows of the index instead of sorting every message of the domain.
     */
    private static final String OLDEST_FIRST = "domain, received_at, id";

    private final StateStore store;
    private final Clock clock;
    private final Optional<HeldContentFiles> files;

    /**
     * On an H2 store, opening the queue also recovers from the run before ({@link H2Restart}): one queue per store,
     * opened as the server starts.
     */
    public JdbcHoldQueue(StateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        // H2 only: PostgreSQL keeps the content in its rows, seen by every node
        this.files = store.localDirectory("held").map(HeldContentFiles::new);
        files.ifPresent(stored -> {
            // registered before the first hold: a file's name is on disk before the checkpoint that makes its row durable
            store.syncBeforeCheckpoints(stored::syncDirectory);
            H2Restart.recover(store, stored);
        });
    }

    public JdbcHoldQueue(StateStore store) {
        this(store, Clock.systemUTC());
    }

    /** H2 only: the files of held content. */
    Optional<HeldContentFiles> contentFiles() {
        return files;
    }

    @Override
    public HeldMessageId hold(DomainName domain, MaybeSender sender, Collection<MailAddress> recipients, Origin origin,
                              InputStream content) throws IOException {
        return hold(Optional.empty(), domain, sender, recipients, origin, content, id -> files.get().write(id, content));
    }

    @Override
    public HeldMessageId hold(HandOff handOff, DomainName domain, MaybeSender sender, Collection<MailAddress> recipients,
                              Origin origin, InputStream content) throws IOException {
        return hold(Optional.of(handOff), domain, sender, recipients, origin, content, id -> files.get().write(id, content));
    }

    @Override
    public HeldMessageId holdSpooled(HandOff handOff, DomainName domain, MaybeSender sender, Collection<MailAddress> recipients,
                                     Origin origin, SpoolFileContent content) throws IOException {
        if (files.isEmpty()) {
            return HoldQueue.super.holdSpooled(handOff, domain, sender, recipients, origin, content);
        }
        return hold(Optional.of(handOff), domain, sender, recipients, origin, null, id -> files.get().link(id, content));
    }

    @Override
    public Optional<HeldMessageId> heldAs(HandOff handOff, DomainName domain) {
        return query("SELECT message_id FROM spool_hand_off WHERE hand_off = ? AND domain = ?",
            statement -> {
                statement.setString(1, handOff.key());
                statement.setString(2, domain.asString());
            },
            rows -> rows.next() ? Optional.of(HeldMessageId.of(rows.getString(1))) : Optional.<HeldMessageId>empty());
    }

    @Override
    public int forgetHandOffs(Instant before) {
        try (Connection connection = store.connection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM spool_hand_off WHERE handed_at < ?")) {
            delete.setLong(1, before.toEpochMilli());
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot forget old hand-offs", e);
        }
    }

    @Override
    public Optional<Origin> origin(HeldMessageId id) {
        return query("SELECT origin_client, origin_sender FROM held_message WHERE id = ?",
            statement -> statement.setString(1, id.asString()),
            rows -> {
                if (!rows.next()) {
                    return Optional.empty();
                }
                String client = rows.getString(1);
                return Optional.of(client == null ? Origin.TRUSTED : Origin.unauthenticated(client, sender(rows.getString(2))));
            });
    }

    @FunctionalInterface
    private interface ContentFileWriter {
        /** Puts the content of message {@code id} on disk; returns its size. */
        long write(HeldMessageId id) throws IOException;
    }

    private HeldMessageId hold(Optional<HandOff> handOff, DomainName domain, MaybeSender sender, Collection<MailAddress> recipients,
                               Origin origin, InputStream content, ContentFileWriter toFile) throws IOException {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a held message needs recipients");
        }
        // a recipient named twice (RCPT TO repeated, two aliases forwarded to one target) is held, and delivered, once
        List<String> addresses = recipients.stream().map(MailAddress::asString).distinct().collect(Collectors.toList());
        HeldMessageId id = HeldMessageId.next(clock);
        long now = clock.millis();
        // H2: the content goes to its file (synced) before the row exists; PostgreSQL: into the row, counted there
        long fileSize = files.isPresent() ? toFile.write(id) : 0;
        CountingInputStream counted = files.isPresent() ? null : new CountingInputStream(content);
        try (Connection connection = store.connection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO held_message "
                    + "(id, domain, sender, size, received_at, origin_client, origin_sender, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, id.asString());
                    insert.setString(2, domain.asString());
                    insert.setString(3, sender.asString(""));
                    insert.setLong(4, fileSize);
                    insert.setLong(5, now);
                    insert.setString(6, origin.client().orElse(null));
                    insert.setString(7, origin.client().isPresent() ? origin.sender().asString("") : null);
                    if (counted == null) {
                        insert.setNull(8, Types.BLOB);
                    } else {
                        insert.setBinaryStream(8, counted);
                    }
                    insert.executeUpdate();
                }
                if (counted != null) {
                    try (PreparedStatement size = connection.prepareStatement("UPDATE held_message SET size = ? WHERE id = ?")) {
                        size.setLong(1, counted.getByteCount());
                        size.setString(2, id.asString());
                        size.executeUpdate();
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO held_recipient "
                    + "(message_id, recipient, domain, next_attempt) VALUES (?, ?, ?, ?)")) {
                    for (String recipient : addresses) {
                        insert.setString(1, id.asString());
                        insert.setString(2, recipient);
                        insert.setString(3, domain.asString());
                        insert.setLong(4, now);
                        // most mail has one recipient per domain: a batch of one cost a third more than the insert
                        if (addresses.size() == 1) {
                            insert.executeUpdate();
                        } else {
                            insert.addBatch();
                        }
                    }
                    if (addresses.size() > 1) {
                        insert.executeBatch();
                    }
                }
                if (handOff.isPresent()) {
                    rememberHandOff(connection, handOff.get(), domain, id, now);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            files.ifPresent(stored -> stored.delete(id));
            throw new StateStoreException("cannot hold a message for " + domain, e);
        } catch (RuntimeException e) {
            files.ifPresent(stored -> stored.delete(id));
            throw e;
        }
        // James's spool forgets the mail once this returns; its sender had the 250 when it was spooled, so nobody
        // waits on this commit, which can share a checkpoint with those of the next milliseconds
        store.awaitDurablePatiently();
        return id;
    }

    private static void rememberHandOff(Connection connection, HandOff handOff, DomainName domain, HeldMessageId id, long now)
        throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO spool_hand_off "
            + "(hand_off, domain, message_id, handed_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, handOff.key());
            insert.setString(2, domain.asString());
            insert.setString(3, id.asString());
            insert.setLong(4, now);
            insert.executeUpdate();
        }
    }

    @Override
    public QueueUsage usage(DomainName domain) {
        return query("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM held_message WHERE domain = ?",
            statement -> statement.setString(1, domain.asString()),
            rows -> rows.next() ? new QueueUsage(rows.getLong(1), rows.getLong(2)) : QueueUsage.EMPTY);
    }

    @Override
    public Map<DomainName, QueueUsage> usageByDomain() {
        return query("SELECT domain, COUNT(*), COALESCE(SUM(size), 0) FROM held_message GROUP BY domain",
            statement -> { },
            rows -> {
                Map<DomainName, QueueUsage> usage = new LinkedHashMap<>();
                while (rows.next()) {
                    usage.put(DomainName.of(rows.getString(1)), new QueueUsage(rows.getLong(2), rows.getLong(3)));
                }
                return usage;
            });
    }

    @Override
    public Optional<HeldMessage> get(HeldMessageId id) {
        return messages("SELECT " + MESSAGE_COLUMNS + " FROM held_message WHERE id = ?",
            statement -> statement.setString(1, id.asString()), false)
            .stream().findFirst();
    }

    @Override
    public List<HeldMessage> list(DomainName domain, int offset, int limit) {
        return messages("SELECT " + MESSAGE_COLUMNS + " FROM held_message WHERE domain = ? "
                + "ORDER BY " + OLDEST_FIRST + " LIMIT ? OFFSET ?",
            statement -> {
                statement.setString(1, domain.asString());
                statement.setInt(2, limit);
                statement.setInt(3, offset);
            }, false);
    }

    @Override
    public Map<DomainName, Instant> dueTimes() {
        return query("SELECT domain, MIN(next_attempt) FROM held_recipient GROUP BY domain",
            statement -> { },
            rows -> {
                Map<DomainName, Instant> due = new LinkedHashMap<>();
                while (rows.next()) {
                    due.put(DomainName.of(rows.getString(1)), Instant.ofEpochMilli(rows.getLong(2)));
                }
                return due;
            });
    }

    @Override
    public List<HeldMessage> claim(DomainName domain, Instant now, int limit, String owner, Duration lease) {
        long nowMillis = now.toEpochMilli();
        // walks the domain's messages oldest first on (domain, received_at) and stops at the limit: joining every due
        // recipient, or sorting, would make each batch cost as much as the whole queue
        List<String> candidates = query("SELECT id FROM held_message m "
                + "WHERE domain = ? AND (lease_until IS NULL OR lease_until < ?) "
                + "AND EXISTS (SELECT 1 FROM held_recipient r WHERE r.message_id = m.id AND r.next_attempt <= ?) "
                + "ORDER BY " + OLDEST_FIRST + " LIMIT ?",
            statement -> {
                statement.setString(1, domain.asString());
                statement.setLong(2, nowMillis);
                statement.setLong(3, nowMillis);
                statement.setInt(4, limit);
            },
            rows -> {
                List<String> ids = new ArrayList<>();
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
                return ids;
            });
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<String> claimed = new ArrayList<>();
        try (Connection connection = store.connection();
             PreparedStatement update = connection.prepareStatement(LEASE_UNLESS_LEASED)) {
            for (String id : candidates) {
                if (lease(update, id, nowMillis, owner, lease)) {
                    claimed.add(id);
                }
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot claim held mail of " + domain, e);
        }
        if (claimed.isEmpty()) {
            return List.of();
        }
        String placeholders = claimed.stream().map(id -> "?").collect(Collectors.joining(", "));
        List<HeldMessage> messages = messages("SELECT " + MESSAGE_COLUMNS + " FROM held_message WHERE id IN (" + placeholders
                + ") ORDER BY received_at",
            statement -> {
                for (int i = 0; i < claimed.size(); i++) {
                    statement.setString(i + 1, claimed.get(i));
                }
            }, true, nowMillis);
        return messages;
    }

    @Override
    public boolean claimMessage(HeldMessageId id, Instant now, String owner, Duration lease) {
        try (Connection connection = store.connection();
             PreparedStatement update = connection.prepareStatement(LEASE_UNLESS_LEASED)) {
            return lease(update, id.asString(), now.toEpochMilli(), owner, lease);
        } catch (SQLException e) {
            throw new StateStoreException("cannot claim " + id, e);
        }
    }

    private static final String LEASE_UNLESS_LEASED = "UPDATE held_message SET lease_owner = ?, lease_until = ? "
        + "WHERE id = ? AND (lease_until IS NULL OR lease_until < ?)";

    /** One row's lease, atomically: the update finds the row only while no other lease on it lives. */
    private static boolean lease(PreparedStatement update, String id, long nowMillis, String owner, Duration lease) throws SQLException {
        update.setString(1, owner);
        update.setLong(2, nowMillis + lease.toMillis());
        update.setString(3, id);
        update.setLong(4, nowMillis);
        return update.executeUpdate() == 1;
    }

    @Override
    public <T> T readContent(HeldMessageId id, ContentReader<T> reader) throws IOException {
        Optional<InputStream> file = files.isPresent() ? files.get().open(id) : Optional.empty();
        if (file.isPresent()) {
            try (InputStream content = file.get()) {
                return reader.read(content);
            }
        }
        try (Connection connection = store.connection();
             PreparedStatement statement = connection.prepareStatement("SELECT content FROM held_message WHERE id = ?")) {
            statement.setString(1, id.asString());
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IOException("held message " + id + " is no longer held");
                }
                try (InputStream content = rows.getBinaryStream(1)) {
                    return reader.read(content);
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot read held message " + id, e);
        }
    }

    @Override
    public boolean record(HeldMessageId id, List<Outcome> outcomes) {
        boolean gone = recordUnsynced(id, outcomes);
        // delivered recipients must not come back after a crash (delivered twice)
        store.awaitDurable();
        return gone;
    }

    @Override
    public CompletableFuture<Void> written() {
        return store.written();
    }

    @Override
    public boolean recordUnsynced(HeldMessageId id, List<Outcome> outcomes) {
        boolean[] gone = new boolean[1];
        inTransaction("cannot record delivery of " + id, connection -> {
            try (PreparedStatement remove = connection.prepareStatement(
                     "DELETE FROM held_recipient WHERE message_id = ? AND recipient = ?");
                 PreparedStatement defer = connection.prepareStatement("UPDATE held_recipient "
                     + "SET attempts = attempts + 1, last_reply = ?, next_attempt = ? WHERE message_id = ? AND recipient = ?")) {
                for (Outcome outcome : outcomes) {
                    if (outcome.kind() == Outcome.Kind.DEFERRED) {
                        defer.setString(1, truncate(outcome.reply()));
                        defer.setLong(2, outcome.nextAttempt().orElseThrow().toEpochMilli());
                        defer.setString(3, id.asString());
                        defer.setString(4, outcome.recipient().asString());
                        defer.addBatch();
                    } else {
                        remove.setString(1, id.asString());
                        remove.setString(2, outcome.recipient().asString());
                        remove.addBatch();
                    }
                }
                remove.executeBatch();
                defer.executeBatch();
            }
            gone[0] = releaseOrDrop(connection, id);
        });
        if (gone[0]) {
            deleteContentWhenDurable(id);
        }
        return gone[0];
    }

    @Override
    public int renewLeases(String owner, Collection<HeldMessageId> ids, Instant now, Duration lease) {
        try (Connection connection = store.connection();
             PreparedStatement update = connection.prepareStatement(
                 "UPDATE held_message SET lease_until = ? WHERE id = ? AND lease_owner = ?")) {
            long until = now.plus(lease).toEpochMilli();
            for (HeldMessageId id : ids) {
                update.setLong(1, until);
                update.setString(2, id.asString());
                update.setString(3, owner);
                update.addBatch();
            }
            int renewed = 0;
            for (int count : update.executeBatch()) {
                renewed += Math.max(count, 0);
            }
            return renewed;
        } catch (SQLException e) {
            throw new StateStoreException("cannot renew the leases of " + owner, e);
        }
    }

    @Override
    public void release(HeldMessageId id) {
        boolean[] gone = new boolean[1];
        inTransaction("cannot release " + id, connection -> gone[0] = releaseOrDrop(connection, id));
        if (gone[0]) {
            deleteContentWhenDurable(id);
        }
    }

    /**
     * A content file goes once its message's deletion is on disk: before that, a crash would bring back the row
     * without its content.
     */
    private void deleteContentWhenDurable(HeldMessageId id) {
        // patient: in a drain these syncs are shared by the outcomes of many messages (the outcomes are only written)
        files.ifPresent(stored -> store.durablePatiently().thenRun(() -> stored.delete(id)));
    }

    /** True when the message had no recipient left and was dropped. */
    private static boolean releaseOrDrop(Connection connection, HeldMessageId id) throws SQLException {
        try (PreparedStatement drop = connection.prepareStatement("DELETE FROM held_message WHERE id = ? "
                 + "AND NOT EXISTS (SELECT 1 FROM held_recipient WHERE message_id = ?)");
             PreparedStatement release = connection.prepareStatement(
                 "UPDATE held_message SET lease_owner = NULL, lease_until = NULL WHERE id = ?")) {
            drop.setString(1, id.asString());
            drop.setString(2, id.asString());
            if (drop.executeUpdate() > 0) {
                return true;
            }
            release.setString(1, id.asString());
            release.executeUpdate();
            return false;
        }
    }

    @Override
    public int flush(DomainName domain, Instant now) {
        try (Connection connection = store.connection();
             PreparedStatement update = connection.prepareStatement(
                 "UPDATE held_recipient SET next_attempt = ? WHERE domain = ? AND next_attempt > ?")) {
            update.setLong(1, now.toEpochMilli());
            update.setString(2, domain.asString());
            update.setLong(3, now.toEpochMilli());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot flush " + domain, e);
        }
        return (int) usage(domain).messages();
    }

    @Override
    public List<HeldMessage> receivedBefore(DomainName domain, Instant instant, int limit) {
        return oldest(domain, instant, limit, "");
    }

    @Override
    public List<HeldMessage> awaitingDelayWarning(DomainName domain, Instant receivedBefore, int limit) {
        return oldest(domain, receivedBefore, limit, "AND delay_warned = FALSE ");
    }

    /** The domain's oldest messages received before {@code instant} that meet {@code condition}. */
    private List<HeldMessage> oldest(DomainName domain, Instant instant, int limit, String condition) {
        return messages("SELECT " + MESSAGE_COLUMNS + " FROM held_message WHERE domain = ? AND received_at < ? "
                + condition + "ORDER BY " + OLDEST_FIRST + " LIMIT ?",
            statement -> {
                statement.setString(1, domain.asString());
                statement.setLong(2, instant.toEpochMilli());
                statement.setInt(3, limit);
            }, false);
    }

    @Override
    public void markDelayWarned(HeldMessageId id) {
        inTransaction("cannot mark " + id, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE held_message SET delay_warned = TRUE WHERE id = ?")) {
                update.setString(1, id.asString());
                update.executeUpdate();
            }
        });
        // the sender is warned once, also across a crash
        store.awaitDurable();
    }

    @Override
    public Optional<HeldMessage> remove(HeldMessageId id) {
        Optional<HeldMessage> message = get(id);
        message.ifPresent(held -> inTransaction("cannot remove " + id, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM held_message WHERE id = ?")) {
                delete.setString(1, id.asString());
                delete.executeUpdate();
            }
        }));
        store.awaitDurable();
        message.ifPresent(held -> files.ifPresent(stored -> stored.delete(id)));
        return message;
    }

    private List<HeldMessage> messages(String sql, Binder binder, boolean onlyDue) {
        return messages(sql, binder, onlyDue, Long.MAX_VALUE);
    }

    /** Reads messages and then their recipients (all, or only those due at {@code dueAt}). */
    private List<HeldMessage> messages(String sql, Binder binder, boolean onlyDue, long dueAt) {
        try (Connection connection = store.connection()) {
            Map<String, Object[]> envelopes = new LinkedHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        envelopes.put(rows.getString("id"), new Object[] {rows.getString("domain"), rows.getString("sender"),
                            rows.getLong("size"), rows.getLong("received_at"), rows.getBoolean("delay_warned")});
                    }
                }
            }
            if (envelopes.isEmpty()) {
                return List.of();
            }
            Map<String, List<HeldRecipient>> recipients = recipients(connection, new ArrayList<>(envelopes.keySet()), onlyDue, dueAt);
            List<HeldMessage> messages = new ArrayList<>();
            envelopes.forEach((id, envelope) -> messages.add(new HeldMessage(HeldMessageId.of(id),
                DomainName.of((String) envelope[0]), sender((String) envelope[1]), (Long) envelope[2],
                Instant.ofEpochMilli((Long) envelope[3]), (Boolean) envelope[4],
                recipients.getOrDefault(id, Collections.emptyList()))));
            return messages;
        } catch (SQLException e) {
            throw new StateStoreException("cannot read held messages", e);
        }
    }

    private static Map<String, List<HeldRecipient>> recipients(Connection connection, List<String> ids, boolean onlyDue,
                                                                long dueAt) throws SQLException {
        String placeholders = ids.stream().map(id -> "?").collect(Collectors.joining(", "));
        String sql = "SELECT message_id, recipient, attempts, last_reply, next_attempt FROM held_recipient "
            + "WHERE message_id IN (" + placeholders + ")" + (onlyDue ? " AND next_attempt <= ?" : "") + " ORDER BY recipient";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                statement.setString(i + 1, ids.get(i));
            }
            if (onlyDue) {
                statement.setLong(ids.size() + 1, dueAt);
            }
            Map<String, List<HeldRecipient>> recipients = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    recipients.computeIfAbsent(rows.getString(1), id -> new ArrayList<>())
                        .add(new HeldRecipient(address(rows.getString(2)), rows.getInt(3),
                            Optional.ofNullable(rows.getString(4)), Instant.ofEpochMilli(rows.getLong(5))));
                }
            }
            return recipients;
        }
    }

    private static MailAddress address(String value) {
        try {
            return new MailAddress(value);
        } catch (AddressException e) {
            throw new IllegalStateException("stored recipient '" + value + "' is not an address", e);
        }
    }

    private static MaybeSender sender(String value) {
        return value.isEmpty() ? MaybeSender.nullSender() : MaybeSender.of(address(value));
    }

    private static String truncate(String reply) {
        return reply.length() <= MAX_REPLY_LENGTH ? reply : reply.substring(0, MAX_REPLY_LENGTH);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface RowsReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private <T> T query(String sql, Binder binder, RowsReader<T> reader) {
        try (Connection connection = store.connection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot read the hold queue", e);
        }
    }

    private void inTransaction(String failure, Work work) {
        try (Connection connection = store.connection()) {
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StateStoreException(failure, e);
        }
    }
}
