package org.mxsuite.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.mxsuite.state.SqlDialect;
import org.mxsuite.state.StateStore;
import org.mxsuite.state.StateStoreException;

/**
 * The trace in table {@code trace_event} (migration V17): one batch INSERT per {@link #add}, one indexed SELECT per
 * search. Nothing waits for durability: a trace event lost in a crash is not mail lost.
 */
public final class JdbcTraceStore implements TraceStore {
    private static final String COLUMNS = "at, seq, outcome, domain, sender, recipient, held_id, message_id, client, size, host, address, tls, reply";

    private final StateStore store;
    // above what this node wrote before a restart, within one millisecond's events
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

    public JdbcTraceStore(StateStore store) {
        this.store = store;
    }

    @Override
    public void add(List<TraceEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try (Connection connection = store.connection()) {
            // one transaction per batch: one commit for the lot, not one per event
            connection.setAutoCommit(false);
            try {
                if (store.dialect() == SqlDialect.POSTGRESQL) {
                    // nothing waits for the trace: its commit need not wait for the WAL's flush (the mail's commits do)
                    try (Statement asynchronous = connection.createStatement()) {
                        asynchronous.execute("SET LOCAL synchronous_commit TO OFF");
                    }
                }
                insert(connection, events);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot write " + events.size() + " trace events", e);
        }
    }

    private void insert(Connection connection, List<TraceEvent> events) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                 "INSERT INTO trace_event (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (TraceEvent event : events) {
                insert.setLong(1, event.at().toEpochMilli());
                insert.setLong(2, sequence.incrementAndGet());
                insert.setString(3, event.outcome().asString());
                insert.setString(4, event.domain());
                insert.setString(5, event.sender());
                setText(insert, 6, event.recipient());
                setText(insert, 7, event.heldId());
                setText(insert, 8, event.messageId());
                setText(insert, 9, event.client());
                if (event.size().isPresent()) {
                    insert.setLong(10, event.size().get());
                } else {
                    insert.setNull(10, Types.BIGINT);
                }
                setText(insert, 11, event.host());
                setText(insert, 12, event.address());
                if (event.tls().isPresent()) {
                    insert.setBoolean(13, event.tls().get());
                } else {
                    insert.setNull(13, Types.BOOLEAN);
                }
                insert.setString(14, event.reply());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void setText(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    @Override
    public List<TraceEvent> search(TraceQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM trace_event WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        criterion(sql, parameters, " AND domain = ?", query.domain());
        criterion(sql, parameters, " AND sender = ?", query.sender());
        criterion(sql, parameters, " AND recipient = ?", query.recipient());
        criterion(sql, parameters, " AND at >= ?", query.since().map(Instant::toEpochMilli));
        criterion(sql, parameters, " AND at < ?", query.until().map(Instant::toEpochMilli));
        criterion(sql, parameters, " AND outcome = ?", query.outcome().map(TraceOutcome::asString));
        if (query.messageId().isPresent()) {
            sql.append(" AND (message_id = ? OR held_id IN (SELECT held_id FROM trace_event WHERE message_id = ? AND held_id IS NOT NULL))");
            parameters.add(query.messageId().get());
            parameters.add(query.messageId().get());
        }
        sql.append(" ORDER BY at DESC, seq DESC LIMIT ? OFFSET ?");
        parameters.add(query.limit());
        parameters.add(query.offset());
        try (Connection connection = store.connection();
             PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            List<TraceEvent> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(read(rows));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new StateStoreException("cannot search the trace", e);
        }
    }

    private static void criterion(StringBuilder sql, List<Object> parameters, String condition, Optional<?> value) {
        if (value.isPresent()) {
            sql.append(condition);
            parameters.add(value.get());
        }
    }

    private static TraceEvent read(ResultSet rows) throws SQLException {
        String stored = rows.getString("outcome");
        TraceOutcome outcome = TraceOutcome.parse(stored).orElseThrow(() -> new SQLException("unknown trace outcome " + stored));
        TraceEvent.Builder event = TraceEvent.builder(outcome, Instant.ofEpochMilli(rows.getLong("at")), rows.getString("domain"))
            .sender(rows.getString("sender"))
            .messageId(Optional.ofNullable(rows.getString("message_id")))
            .client(Optional.ofNullable(rows.getString("client")))
            .reply(rows.getString("reply"));
        Optional.ofNullable(rows.getString("recipient")).ifPresent(event::recipient);
        Optional.ofNullable(rows.getString("held_id")).ifPresent(event::heldId);
        Optional.ofNullable(rows.getString("host")).ifPresent(event::host);
        Optional.ofNullable(rows.getString("address")).ifPresent(event::address);
        long size = rows.getLong("size");
        if (!rows.wasNull()) {
            event.size(size);
        }
        boolean tls = rows.getBoolean("tls");
        if (!rows.wasNull()) {
            event.tls(tls);
        }
        return event.build();
    }

    @Override
    public int removeBefore(Instant cutoff) {
        try (Connection connection = store.connection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM trace_event WHERE at < ?")) {
            delete.setLong(1, cutoff.toEpochMilli());
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot prune the trace", e);
        }
    }
}
