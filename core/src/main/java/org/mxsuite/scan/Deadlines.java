package org.mxsuite.scan;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a scanner connection when its time is up, whatever it is blocked in (a read timeout alone lets a slow
 * scanner that trickles bytes hold the SMTP client for ever, and Unix-domain channels have no read timeout at all).
 */
final class Deadlines {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mxsuite-scan-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    private Deadlines() {
    }

    /** Whether {@code failure} came of the time running out: the deadline closed the connection, or a read timed out. */
    static boolean timedOut(ScheduledFuture<?> deadline, Throwable failure) {
        return deadline.isDone() || failure instanceof SocketTimeoutException;
    }

    /** Closes {@code connection} after {@code timeout} unless the returned future is cancelled first. */
    static ScheduledFuture<?> closeAfter(Closeable connection, Duration timeout) {
        return TIMER.schedule(() -> {
            try {
                connection.close();
            } catch (IOException e) {
                // closing is what was asked: the blocked read or write reports the failure
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
