package org.mxsuite.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

/**
 * Makes H2 commits durable in groups. H2 with {@code WRITE_DELAY=0} writes a new chunk of its file for every
 * commit, and with James's spool threads and the delivery workers committing, that chunk writing was most of the
 * CPU time of the backup-MX path (profiled). Instead, whoever needs what it committed on disk asks here: one thread
 * runs {@code CHECKPOINT SYNC} (the store written and forced to disk) for every request made before it started,
 * back to back while requests come in, so that the commits of a moment share one write.
 */
final class GroupCheckpoint implements AutoCloseable {
    private final DataSource dataSource;
    private final Runnable beforeSync;
    private final Deque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private final Thread writer;
    private boolean closed;
    /** Used by the writer thread only. */
    private Connection own;

    /** {@code beforeSync} runs before each checkpoint: what else must be on disk with the commits it covers. */
    GroupCheckpoint(DataSource dataSource, String name, Runnable beforeSync) {
        this.dataSource = dataSource;
        this.beforeSync = beforeSync;
        this.writer = new Thread(this::run, "mxsuite-checkpoint-" + name);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Completes once everything committed before this call is on disk. */
    CompletableFuture<Void> request() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (waiting) {
            if (closed) {
                done.completeExceptionally(new StateStoreException("the state store is closed", null));
                return done;
            }
            waiting.add(done);
            waiting.notifyAll();
        }
        return done;
    }

    private void run() {
        while (true) {
            Deque<CompletableFuture<Void>> group;
            synchronized (waiting) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        waiting.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        closed = true;
                    }
                }
                if (waiting.isEmpty()) {
                    closeOwn();
                    return;
                }
                // a checkpoint that starts now covers every request made so far
                group = new ArrayDeque<>(waiting);
                waiting.clear();
            }
            try {
                beforeSync.run();
                checkpoint();
                group.forEach(done -> done.complete(null));
            } catch (RuntimeException e) {
                group.forEach(done -> done.completeExceptionally(e));
            }
        }
    }

    /**
     * On a connection of its own, kept: callers may wait for a checkpoint while holding pool connections, and the
     * checkpoint must never wait for one of those.
     */
    private void checkpoint() {
        try {
            if (own == null || own.isClosed()) {
                own = dataSource.getConnection();
            }
            try (Statement statement = own.createStatement()) {
                statement.execute("CHECKPOINT SYNC");
            }
        } catch (SQLException e) {
            closeOwn();
            throw new StateStoreException("cannot write the state store to disk", e);
        }
    }

    private void closeOwn() {
        try {
            if (own != null) {
                own.close();
            }
        } catch (SQLException e) {
            // a new one is taken for the next checkpoint
        }
        own = null;
    }

    /** Serves what was asked, then stops. */
    @Override
    public void close() {
        synchronized (waiting) {
            closed = true;
            waiting.notifyAll();
        }
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
