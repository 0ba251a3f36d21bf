package org.mxsuite.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.mxsuite.background.BackgroundThreads;

/**
 * The moment by which a network exchange must end, on the monotonic clock (never an injectable wall clock: a frozen
 * test clock must not freeze time limits). The one time limit of the suite's clients: DNS lookups bound their answers
 * to it ({@link #bound}); the SMTP client and the scanner clients have it close their connection ({@link #watch}),
 * because Java sockets have no time limit for writes and SO_TIMEOUT starts again with every byte read, so a peer that
 * trickles bytes or stops reading would otherwise hold the calling thread for ever. Steps that follow one another may
 * share one deadline, so that a check made of several steps still ends within its one time limit.
 */
public final class Deadline {
    /**
     * Watches are looked at every 100 ms by one thread, and a watch is an entry in a set: there is one per SMTP reply
     * and per write, and a timer task for each woke the timer thread every time (the drain of held mail ran 6 %
     * slower so); a deadline fires up to 100 ms late.
     */
    private static final long CHECK_EVERY_MILLIS = 100;
    private static final Set<Watch> WATCHED = ConcurrentHashMap.newKeySet();
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final long dueNanos;

    private Deadline(long dueNanos) {
        this.dueNanos = dueNanos;
    }

    public static Deadline after(Duration limit) {
        return new Deadline(System.nanoTime() + limit.toNanos());
    }

    public Duration remaining() {
        long left = dueNanos - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    public boolean isPast() {
        return dueNanos - System.nanoTime() <= 0;
    }

    /**
     * A copy of {@code future} that completes with {@code late} at the deadline if it has not completed by then;
     * {@code future} itself, which others may share, is left alone.
     */
    public <T> CompletableFuture<T> bound(CompletableFuture<T> future, T late) {
        return future.copy().completeOnTimeout(late, remaining().toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Closes {@code connection} at the deadline unless the returned watch is closed first: whatever the connection's
     * user is blocked in then fails with an IOException. Under TLS, pass the TCP socket: closing a TLS socket writes
     * close_notify first, which a peer that stopped reading would block, and with it every other deadline.
     */
    public Watch watch(Closeable connection) {
        Watch watch = new Watch(dueNanos, connection);
        WATCHED.add(watch);
        return watch;
    }

    /** One connection watched until its deadline; closing the watch (not the connection) stops watching. */
    public static final class Watch implements AutoCloseable {
        private final long dueNanos;
        private final Closeable connection;
        private volatile boolean fired;

        private Watch(long dueNanos, Closeable connection) {
            this.dueNanos = dueNanos;
            this.connection = connection;
        }

        /** Whether the deadline passed and closed the connection: what failed since then failed of the time limit. */
        public boolean fired() {
            return fired;
        }

        /**
         * {@code failure} as its caller should report it: a {@link SocketTimeoutException} (caused by it) if the
         * deadline closed the connection, else {@code failure} itself, which may be a read timeout already.
         */
        public IOException reason(IOException failure) {
            if (!fired || failure instanceof SocketTimeoutException) {
                return failure;
            }
            SocketTimeoutException timeout = new SocketTimeoutException("closed at its deadline");
            timeout.initCause(failure);
            return timeout;
        }

        @Override
        public void close() {
            WATCHED.remove(this);
        }

        private void fireIfDue(long now) {
            // whoever removes the watch first decides: its user closing it, or its deadline
            if (dueNanos - now <= 0 && WATCHED.remove(this)) {
                // marked before closing: the blocked call fails the moment the connection closes
                fired = true;
                try {
                    connection.close();
                } catch (IOException e) {
                    // closing is what was asked: the blocked read or write reports the failure
                }
            }
        }
    }

    private static void fireDueWatches() {
        long now = System.nanoTime();
        for (Watch watch : WATCHED) {
            watch.fireIfDue(now);
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, BackgroundThreads.daemons("mxsuite-deadlines"));
        timer.scheduleWithFixedDelay(Deadline::fireDueWatches, CHECK_EVERY_MILLIS, CHECK_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        return timer;
    }
}
