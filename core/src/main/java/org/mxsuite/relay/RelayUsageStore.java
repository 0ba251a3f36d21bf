package org.mxsuite.relay;

import java.time.LocalDate;
import java.util.SortedMap;

import org.mxsuite.domain.DomainName;

/**
 * Relays counted per domain and UTC day, exact under concurrency: {@link #reserve} adds only when the total stays
 * within the limit, atomically, so that nodes sharing one database never let a domain go over its quota.
 */
public interface RelayUsageStore {
    /**
     * Adds {@code relays} to the domain's count of {@code day} if the count stays at most {@code limit}; returns the
     * count after the call (unchanged when refused) and whether it was added.
     */
    Reservation reserve(DomainName domain, LocalDate day, int relays, int limit);

    /** Relays counted for the domain on {@code day} (0 when none). */
    int used(DomainName domain, LocalDate day);

    /** The domain's counts of the days from {@code first} to {@code last} included, by day; days without relays left out. */
    SortedMap<LocalDate, Integer> usedByDay(DomainName domain, LocalDate first, LocalDate last);

    /** Forgets the domain's count of {@code day}. */
    void reset(DomainName domain, LocalDate day);

    /** Forgets the counts of days before {@code day}. */
    void purgeBefore(LocalDate day);

    /** The outcome of {@link #reserve}. */
    final class Reservation {
        private final boolean accepted;
        private final int used;

        public Reservation(boolean accepted, int used) {
            this.accepted = accepted;
            this.used = used;
        }

        public boolean accepted() {
            return accepted;
        }

        /** The count of the day after the call. */
        public int used() {
            return used;
        }

        @Override
        public String toString() {
            return (accepted ? "accepted" : "refused") + ", " + used + " used";
        }
    }
}
