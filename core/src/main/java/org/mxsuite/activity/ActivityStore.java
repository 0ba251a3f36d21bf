package org.mxsuite.activity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import org.mxsuite.domain.DomainName;

/**
 * The time series of each domain's activity, shared by the nodes of a cluster: deliveries, deferrals and returns per
 * hour (each node adds what it counted, so that the nodes' counts add up), and the held messages sampled every few
 * minutes (one value per time bucket, whichever nodes sampled the shared queue). Read by the panel's charts, pruned
 * by age.
 */
public interface ActivityStore {
    /** Adds the counts to those already kept for their domain and hour. */
    void add(List<HourCounts> counts);

    /** A domain's counts of the hours in [{@code from}, {@code until}), oldest first; hours without any are left out. */
    List<HourCounts> hourly(DomainName domain, Instant from, Instant until);

    /** Sets the held messages of each domain at {@code bucket}; a second sample of the same bucket replaces the first. */
    void putHeld(Instant bucket, Map<DomainName, Long> held);

    /** A domain's held messages per sampled bucket in [{@code from}, {@code until}); buckets without a sample are left out. */
    SortedMap<Instant, Long> held(DomainName domain, Instant from, Instant until);

    /** Removes the hours and samples before {@code cutoff}; how many rows. */
    int removeBefore(Instant cutoff);
}
