package org.mxsuite.trace;

import java.time.Instant;
import java.util.List;

/**
 * Where the delivery trace is kept, shared by every node of a cluster. Written in batches by {@link BatchingTraceRecorder},
 * read by searches, pruned by age.
 */
public interface TraceStore {
    /** Adds the events, in their order (events of one time keep it in searches). */
    void add(List<TraceEvent> events);

    /** The events the query asks for, newest first (in the reverse of their order of adding within one time). */
    List<TraceEvent> search(TraceQuery query);

    /** Removes the events before {@code cutoff}; how many. */
    int removeBefore(Instant cutoff);
}
