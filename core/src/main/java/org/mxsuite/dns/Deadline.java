package org.mxsuite.dns;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The moment by which an answer is due, on the monotonic clock (never the injectable wall clock of the caches: a
 * frozen test clock must not freeze time limits). Lookups that follow one another share one deadline, so that a check
 * made of several steps still ends within its one time limit.
 */
public final class Deadline {
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
        return future.copy().completeOnTimeout(late, Math.max(0, remaining().toNanos()), TimeUnit.NANOSECONDS);
    }
}
