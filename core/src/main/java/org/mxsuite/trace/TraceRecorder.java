package org.mxsuite.trace;

/** Where the steps of mail's life are told; never blocks nor throws (the mail goes on whatever becomes of its trace). */
@FunctionalInterface
public interface TraceRecorder {
    /** Records nothing: the trace switched off ({@code trace.enabled=false}), and tests that do not look at it. */
    TraceRecorder OFF = event -> { };

    void record(TraceEvent event);
}
