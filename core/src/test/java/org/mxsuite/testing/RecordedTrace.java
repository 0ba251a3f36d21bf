package org.mxsuite.testing;

import java.util.List;

import org.mxsuite.trace.MemoryTraceStore;
import org.mxsuite.trace.TraceEvent;
import org.mxsuite.trace.TraceQuery;
import org.mxsuite.trace.TraceRecorder;

/** A trace recorder that keeps what it is told at once, in memory, for tests to look at. */
public final class RecordedTrace implements TraceRecorder {
    private final MemoryTraceStore store = new MemoryTraceStore();

    @Override
    public void record(TraceEvent event) {
        store.add(List.of(event));
    }

    /** Every event recorded, newest first. */
    public List<TraceEvent> newestFirst() {
        return store.search(TraceQuery.builder().limit(TraceQuery.MAX_LIMIT).build());
    }
}
