package org.mxsuite.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

/**
 * Makes H2 commits durable in groups. H2 with {@code WRITE_DELAY=0} writes a new chunk of its file for every
 * commit, and with James's spool threads and the delivery workers committing, that chunk writing was most of the
 * CPU time of the backup-MX path (profiled). Instead, whoever needs what it committed on disk asks here: one thread
 * runs {@code CHECKPOINT SYNC} (the store written and forced to disk) for every request made before it started,
 * back to back while urgent requests come in, so that the commits of a moment share one write.
 *
 * <p>Patient requests (James's spool threads holding mail whose sender already had its 250) wait until
 * {@code spacing} has passed since the previous sync started, unless an urgent request comes: while mail
 * streams in, they share one checkpoint per {@code spacing} (15 ms) instead of one every 3 ms of two or three each,
 * each rewriting the same index pages. In the backup-MX benchmark that cut the checkpoints during acceptance from
 * ~310 to ~62 a second (bench/README.md).
 *
 * <p>Write requests need the commits in the file, not forced to disk ({@code CHECKPOINT}): what survives a crash of
 * the process, not of the machine. The delivery loop asks so for each outcome: a delivered message that a power
 * loss brings back is delivered again (a duplicate, never a loss), as Postfix unlinks a delivered queue file
 * without a sync. They never wait for the spacing, and do not take patient sync requests along; what they wrote is
 * synced within the spacing, by a sync of its own if no other comes.
 */
final class GroupCheckpoint implements AutoCloseable {
    private final DataSource dataSource;
    private final Runnable beforeSync;
    /** Requests for a sync; also the lock of every request. */
    private final Deque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    /** Requests for a write only. */
    private final Deque<CompletableFuture<Void>> toWrite = new ArrayDeque<>();
    private final Thread writer;
    private final long spacingNanos;
    private boolean closed;
    /** Requests in {@code waiting} whose caller cannot wait for the spacing. */
    private int urgent;
    /** Used by the writer thread only: when the last sync started. */
    private long lastStart;
    /** Used by the writer thread only: a write-only checkpoint ran since the last sync. */
    private boolean unsynced;
    /** Used by the writer thread only. */
    private Connection own;

    /**
     * {@code beforeSync} runs before each checkpoint: what else must be on disk with the commits it covers;
     * {@code spacing}: how long patient requests may gather after a checkpoint's start.
     */
    GroupCheckpoint(DataSource dataSource, String name, Runnable beforeSync, Duration spacing) {
        this.dataSource = dataSource;
        this.beforeSync = beforeSync;
        this.spacingNanos = spacing.toNanos();
        this.lastStart = System.nanoTime() - spacingNanos;
        this.writer = new Thread(this::run, "mxsuite-checkpoint-" + name);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Completes once everything committed before this call is on disk, as soon as possible. */
    CompletableFuture<Void> request() {
        return request(true);
    }

    /**
     * Completes once everything committed before this call is on disk, within the spacing (plus a checkpoint's
     * time): for callers nobody waits on, whose commits can share a checkpoint with those of the next milliseconds.
     */
    CompletableFuture<Void> requestPatiently() {
        return request(false);
    }

    /**
     * Completes once everything committed before this call is written to the file, as soon as possible: it survives
     * a crash of the process (the operating system has it), not yet one of the machine.
     */
    CompletableFuture<Void> requestWritten() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (waiting) {
            if (refusedAsClosed(done)) {
                return done;
            }
            toWrite.add(done);
            waiting.notifyAll();
        }
        return done;
    }

    private CompletableFuture<Void> request(boolean isUrgent) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (waiting) {
            if (refusedAsClosed(done)) {
                return done;
            }
            waiting.add(done);
            if (isUrgent) {
                urgent++;
            }
            // the writer waits for the first request, and for an urgent one while it spaces patient ones
            if (waiting.size() == 1 || isUrgent) {
                waiting.notifyAll();
            }
        }
        return done;
    }

    private boolean refusedAsClosed(CompletableFuture<Void> done) {
        if (closed) {
            done.completeExceptionally(new StateStoreException("the state store is closed", null));
        }
        return closed;
    }

    private void run() {
        while (true) {
            Deque<CompletableFuture<Void>> group;
            boolean sync;
            synchronized (waiting) {
                while (waiting.isEmpty() && toWrite.isEmpty() && !unsynced && !closed) {
                    try {
                        waiting.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        closed = true;
                    }
                }
                if (waiting.isEmpty() && toWrite.isEmpty() && !unsynced) {
                    closeOwn();
                    return;
                }
                // sync requests wait here for the spacing unless something urgent comes; a write does not wait
                sync = (!waiting.isEmpty() || unsynced) && waitForSpacing();
                // a checkpoint that starts now covers every request of its kind made so far
                group = new ArrayDeque<>(toWrite);
                toWrite.clear();
                if (sync) {
                    group.addAll(waiting);
                    waiting.clear();
                    urgent = 0;
                }
            }
            try {
                if (sync) {
                    lastStart = System.nanoTime();
                    beforeSync.run();
                }
                checkpoint(sync ? "CHECKPOINT SYNC" : "CHECKPOINT");
                unsynced = !sync;
                group.forEach(done -> done.complete(null));
            } catch (RuntimeException e) {
                // told to the requesters; the next request tries again (no retry loop against a broken store)
                unsynced = false;
                group.forEach(done -> done.completeExceptionally(e));
            }
        }
    }

    /**
     * Lets patient requests gather until the spacing since the last sync's start has passed, or an urgent request
     * comes; a write request ends the wait early. True when the sync requests are to be served now. Called holding
     * the lock on {@code waiting}, which the wait releases.
     */
    private boolean waitForSpacing() {
        long remaining;
        while (!closed && urgent == 0 && (remaining = lastStart + spacingNanos - System.nanoTime()) > 0) {
            if (!toWrite.isEmpty()) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(waiting, remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            }
        }
        return true;
    }

    /**
     * On a connection of its own, kept: callers may wait for a checkpoint while holding pool connections, and the
     * checkpoint must never wait for one of those.
     */
    private void checkpoint(String command) {
        try {
            if (own == null || own.isClosed()) {
                own = dataSource.getConnection();
            }
            try (Statement statement = own.createStatement()) {
                statement.execute(command);
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
