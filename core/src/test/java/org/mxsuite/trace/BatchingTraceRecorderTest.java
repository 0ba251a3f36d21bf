package org.mxsuite.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchingTraceRecorderTest {
    private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private final List<BatchingTraceRecorder> recorders = new ArrayList<>();

    @AfterEach
    void close() {
        recorders.forEach(BatchingTraceRecorder::close);
    }

    private BatchingTraceRecorder recorder(TraceStore store, int capacity) {
        BatchingTraceRecorder recorder = new BatchingTraceRecorder(store, capacity, metrics);
        recorders.add(recorder);
        return recorder;
    }

    private static TraceEvent event(int i) {
        return TraceEvent.builder(TraceOutcome.ACCEPTED, T0.plusMillis(i), "backup.example").recipient("r" + i + "@backup.example").build();
    }

    @Test
    void eventsAreWrittenInBatchesAndCounted() throws Exception {
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        MemoryTraceStore memory = new MemoryTraceStore();
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch mayWrite = new CountDownLatch(1);
        TraceStore slowFirstWrite = new DelegatingStore(memory) {
            @Override
            public void add(List<TraceEvent> events) {
                firstWriteStarted.countDown();
                await(mayWrite);
                batchSizes.add(events.size());
                super.add(events);
            }
        };
        BatchingTraceRecorder recorder = recorder(slowFirstWrite, 10_000);

        recorder.record(event(0));
        assertThat(firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= 1000; i++) {
            recorder.record(event(i));
        }
        mayWrite.countDown();

        assertThat(recorder.awaitWritten(Duration.ofSeconds(10))).isTrue();
        assertThat(memory.search(TraceQuery.builder().limit(TraceQuery.MAX_LIMIT).build())).hasSize(1000);
        // the thousand waiting went in two batches of at most MAX_BATCH
        assertThat(batchSizes).containsExactly(1, BatchingTraceRecorder.MAX_BATCH, BatchingTraceRecorder.MAX_BATCH);
        assertThat(metrics.countFor("mxsuite_trace_recorded")).isEqualTo(1001);
        assertThat(metrics.countFor("mxsuite_trace_dropped")).isZero();
    }

    @Test
    void aFullQueueDropsEventsAndCountsThemWithoutWaiting() throws Exception {
        CountDownLatch mayWrite = new CountDownLatch(1);
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        MemoryTraceStore memory = new MemoryTraceStore();
        BatchingTraceRecorder recorder = recorder(new DelegatingStore(memory) {
            @Override
            public void add(List<TraceEvent> events) {
                firstWriteStarted.countDown();
                await(mayWrite);
                super.add(events);
            }
        }, 3);
        recorder.record(event(0));
        assertThat(firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        for (int i = 1; i <= 10; i++) {
            recorder.record(event(i));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        mayWrite.countDown();

        assertThat(recorder.awaitWritten(Duration.ofSeconds(10))).isTrue();
        assertThat(metrics.countFor("mxsuite_trace_dropped")).isEqualTo(7);
        assertThat(metrics.countFor("mxsuite_trace_recorded")).isEqualTo(4);
    }

    @Test
    void aStoreThatFailsLosesThatBatchOnlyAndTheNextIsWritten() throws Exception {
        MemoryTraceStore memory = new MemoryTraceStore();
        BatchingTraceRecorder recorder = recorder(new DelegatingStore(memory) {
            private boolean failed;

            @Override
            public void add(List<TraceEvent> events) {
                if (!failed) {
                    failed = true;
                    throw new IllegalStateException("database down");
                }
                super.add(events);
            }
        }, 100);

        recorder.record(event(0));
        assertThat(recorder.awaitWritten(Duration.ofSeconds(10))).isTrue();
        recorder.record(event(1));
        assertThat(recorder.awaitWritten(Duration.ofSeconds(10))).isTrue();

        assertThat(memory.search(TraceQuery.builder().build())).containsExactly(event(1));
        assertThat(metrics.countFor("mxsuite_trace_dropped")).isEqualTo(1);
    }

    @Test
    void closingWritesWhatIsQueued() {
        MemoryTraceStore memory = new MemoryTraceStore();
        BatchingTraceRecorder recorder = recorder(memory, 100);
        for (int i = 0; i < 20; i++) {
            recorder.record(event(i));
        }

        recorder.close();

        assertThat(memory.search(TraceQuery.builder().build())).hasSize(20);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A store whose writes a test slows down or fails. */
    private static class DelegatingStore implements TraceStore {
        private final TraceStore delegate;

        DelegatingStore(TraceStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void add(List<TraceEvent> events) {
            delegate.add(events);
        }

        @Override
        public List<TraceEvent> search(TraceQuery query) {
            return delegate.search(query);
        }

        @Override
        public int removeBefore(Instant cutoff) {
            return delegate.removeBefore(cutoff);
        }
    }
}
