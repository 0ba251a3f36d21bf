package org.mxsuite.trace;

import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.mxsuite.background.BackgroundThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records trace events off the mail's path: {@link #record} only offers the event to a bounded queue, and one
 * background thread writes what the queue holds to the {@link TraceStore} in batches (one INSERT batch each). When
 * the queue is full (the store slower than the mail, or down) the event is dropped and counted
 * ({@code mxsuite_trace_dropped}): the mail never waits for its trace. Written events are counted in
 * {@code mxsuite_trace_recorded}.
 */
public final class BatchingTraceRecorder implements TraceRecorder, Closeable {
    static final int MAX_BATCH = 500;
    private static final Logger LOGGER = LoggerFactory.getLogger(BatchingTraceRecorder.class);
    private static final long POLL_MILLIS = 200;
    /** How long the writer lets events gather after the first: fewer, larger batches cost the database less. */
    private static final long LINGER_MILLIS = 100;

    private final BlockingQueue<TraceEvent> queue;
    private final TraceStore store;
    private final Metric recorded;
    private final Metric dropped;
    private final AtomicLong unwritten = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    public BatchingTraceRecorder(TraceStore store, int capacity, MetricFactory metrics) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.store = store;
        this.recorded = metrics.generate("mxsuite_trace_recorded");
        this.dropped = metrics.generate("mxsuite_trace_dropped");
        this.writer = BackgroundThreads.daemons("mxsuite-trace-writer").newThread(this::writeUntilClosed);
        writer.start();
    }

    @Override
    public void record(TraceEvent event) {
        unwritten.incrementAndGet();
        if (!queue.offer(event)) {
            unwritten.decrementAndGet();
            dropped.increment();
        }
    }

    private void writeUntilClosed() {
        List<TraceEvent> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                TraceEvent first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                if (running && queue.size() < MAX_BATCH - 1) {
                    Thread.sleep(LINGER_MILLIS);
                }
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<TraceEvent> batch) {
        try {
            store.add(batch);
            recorded.add(batch.size());
        } catch (RuntimeException e) {
            // the store is down or refuses: these events are lost, the next batch tries again
            LOGGER.warn("{} trace events could not be written and are dropped: {}", batch.size(), e.toString());
            dropped.add(batch.size());
        } finally {
            unwritten.addAndGet(-batch.size());
        }
    }

    /** Waits until every event recorded so far is written (or dropped); false when that took longer than {@code limit}. */
    public boolean awaitWritten(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (unwritten.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
