package org.mxsuite.limit;

import java.time.Instant;

/**
 * Counters per name and period, shared by the nodes of a cluster and exact under concurrency: {@link #reserve} adds
 * only when the count stays within the limit, in one atomic step, so that no interleaving of nodes takes a counter
 * past its limit. A counter's name says whose and what it counts ({@code domain/example.com/messages/DAY}); its
 * period is its start, with its end kept for {@link #purgeEndedBefore}.
 */
public interface CounterStore {
    /**
     * Adds {@code amount} to the count of {@code counter} in the period starting at {@code start} if the count stays
     * at most {@code limit}; returns the count after the call (unchanged when refused) and whether it was added.
     */
    Reservation reserve(String counter, Instant start, Instant end, long amount, long limit);

    /** Takes back {@code amount} that {@link #reserve} added (a message refused after all): never below zero. */
    void release(String counter, Instant start, long amount);

    /** The count of {@code counter} in the period starting at {@code start} (0 when none). */
    long used(String counter, Instant start);

    /** Forgets the count of {@code counter} in the period starting at {@code start}. */
    void reset(String counter, Instant start);

    /** Forgets the counts of periods that ended at or before {@code instant}. */
    void purgeEndedBefore(Instant instant);

    /** The outcome of {@link #reserve}. */
    final class Reservation {
        private final boolean accepted;
        private final long used;

        public Reservation(boolean accepted, long used) {
            this.accepted = accepted;
            this.used = used;
        }

        public boolean accepted() {
            return accepted;
        }

        /** The count after the call. */
        public long used() {
            return used;
        }

        @Override
        public String toString() {
            return (accepted ? "accepted" : "refused") + ", " + used + " used";
        }
    }
}
