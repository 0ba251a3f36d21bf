package org.mxsuite.deliver.smtp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.mxsuite.background.BackgroundThreads;

/**
 * The time limit of the blocking step one connection is in. Java sockets have none for writes (SO_TIMEOUT is for
 * reads, and starts again with every byte read). One daemon thread for all connections looks a few times a second
 * and closes the socket of a step past its deadline: the blocked thread gets an IOException, and {@link #passed()}
 * tells it that was a timeout. Starting and stopping a step costs a volatile write each.
 */
final class Deadline {
    private static final long NONE = 0;
    private static final Duration TICK = Duration.ofMillis(200);
    private static final Set<Deadline> WATCHED = ConcurrentHashMap.newKeySet();

    static {
        ScheduledExecutorService watchdog =
            Executors.newSingleThreadScheduledExecutor(BackgroundThreads.daemons("mxsuite-smtp-watchdog"));
        BackgroundThreads.repeat(watchdog, "the SMTP client's watchdog", TICK, TICK, Deadline::closeOverdue);
    }

    private final Socket socket;
    private volatile long due = NONE;
    private volatile boolean passed;

    /**
     * Watches {@code socket} until {@link #release()}: the TCP socket, also under TLS (closing a TLS socket writes
     * close_notify first, which would block the watchdog too).
     */
    Deadline(Socket socket) {
        this.socket = socket;
        WATCHED.add(this);
    }

    void start(Duration limit) {
        due = System.nanoTime() + limit.toNanos();
    }

    void stop() {
        due = NONE;
    }

    /** Whether the watchdog closed the socket: what failed since then failed of a timeout. */
    boolean passed() {
        return passed;
    }

    void release() {
        WATCHED.remove(this);
    }

    /** {@code output}, each of whose writes must end within {@code limit}. */
    OutputStream limit(OutputStream output, Duration limit) {
        return new FilterOutputStream(output) {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                start(limit);
                try {
                    out.write(bytes, offset, length);
                } finally {
                    stop();
                }
            }
        };
    }

    private static void closeOverdue() {
        long now = System.nanoTime();
        for (Deadline deadline : WATCHED) {
            long due = deadline.due;
            if (due != NONE && now - due > 0) {
                deadline.passed = true;
                WATCHED.remove(deadline);
                try {
                    deadline.socket.close();
                } catch (IOException e) {
                    // it is closed either way
                }
            }
        }
    }
}
