package org.mxsuite.embedded.jpa;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Search index updates, run one at a time and in order on a thread of their own, after the change is stored: a
 * delivery or a SELECT does not wait for the index. What reads the index first waits until every update handed over
 * before it is done ({@link #awaitUpdatesSoFar}), so a SEARCH still finds every message stored before it.
 * At most {@code capacity} updates wait: past that, whoever hands one over waits for room, so that the index cannot
 * fall behind without bound.
 */
final class IndexingQueue {
    private final ExecutorService worker;
    private final Semaphore room;
    private final AtomicLong handedOver = new AtomicLong();
    private final Object progress = new Object();
    private long done;

    IndexingQueue(String threadName, int capacity) {
        this.room = new Semaphore(capacity);
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    void hand(Runnable update) {
        room.acquireUninterruptibly();
        // numbered under the lock of the executor's queue order: updates complete in the order they are numbered
        synchronized (worker) {
            long number = handedOver.get() + 1;
            try {
                worker.execute(() -> {
                    try {
                        update.run();
                    } finally {
                        room.release();
                        finished(number);
                    }
                });
            } catch (RejectedExecutionException stopped) {
                room.release();
                throw stopped;
            }
            handedOver.set(number);
        }
    }

    /** Waits until every update handed over before this call is done; false if the limit passed first. */
    boolean awaitUpdatesSoFar(Duration limit) throws InterruptedException {
        long target = handedOver.get();
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (progress) {
            while (done < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return true;
        }
    }

    long waiting() {
        synchronized (progress) {
            return handedOver.get() - done;
        }
    }

    /** Runs what was handed over (within the limit), then stops; false if updates were left undone. */
    boolean close(Duration limit) throws InterruptedException {
        worker.shutdown();
        return worker.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void finished(long number) {
        synchronized (progress) {
            done = number;
            progress.notifyAll();
        }
    }
}
