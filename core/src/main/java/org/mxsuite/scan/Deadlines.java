package org.mxsuite.scan;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.mxsuite.background.BackgroundThreads;

/**
 * Closes a scanner connection when its time is up, whatever it is blocked in (a read timeout alone lets a slow
 * scanner that trickles bytes hold the SMTP client for ever, and Unix-domain channels have no read timeout at all).
 */
final class Deadlines {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
        BackgroundThreads.daemons("mxsuite-scan-deadlines"));

    private Deadlines() {
    }

    /** A connection's time limit; it knows whether it expired before the blocked call saw its connection close. */
    static final class Deadline {
        private final AtomicBoolean expired = new AtomicBoolean();
        private ScheduledFuture<?> task;

        /** Whether {@code failure} came of the time running out: this deadline closed the connection, or a read timed out. */
        boolean caused(Throwable failure) {
            return expired.get() || failure instanceof SocketTimeoutException;
        }

        void cancel() {
            task.cancel(false);
        }
    }

    /** Closes {@code connection} after {@code timeout} unless the returned deadline is cancelled first. */
    static Deadline closeAfter(Closeable connection, Duration timeout) {
        Deadline deadline = new Deadline();
        deadline.task = TIMER.schedule(() -> {
            // marked before closing: the blocked call fails the moment the connection closes
            deadline.expired.set(true);
            try {
                connection.close();
            } catch (IOException e) {
                // closing is what was asked: the blocked read or write reports the failure
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return deadline;
    }
}
