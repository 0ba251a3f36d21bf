package org.mxsuite.relay;

import java.util.concurrent.Semaphore;

/**
 * How many slow password checks run at once, at most: each takes a core for a good part of a second, and a client that
 * sends wrong passwords from many connections must not take them all. A check that finds none free is not made: the
 * login is refused as temporary (SMTP 454 4.7.0), not counted as a failure, and the client tries again later.
 */
public final class PasswordChecks {
    private final Semaphore running;
    private final int limit;

    public PasswordChecks(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("at least one password check at a time, not " + limit);
        }
        this.running = new Semaphore(limit);
        this.limit = limit;
    }

    /** Half the cores, at least one: the other half goes on serving mail whatever logins are tried. */
    public static int defaultLimit() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** Takes a place if one is free; {@link #done()} gives it back. */
    boolean tryStart() {
        return running.tryAcquire();
    }

    void done() {
        running.release();
    }

    public int limit() {
        return limit;
    }
}
