package org.mxsuite.deliver.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

import org.mxsuite.domain.DomainName;

/**
 * What the nodes delivering one domain's mail share to stay within its {@code maxConnections} and {@code maxRate}:
 * numbered connection slots, each leased to one connection until a time (a node that dies frees its slots when their
 * leases run out), and the domain's next free send time, which each message moves on by the rate's spacing. Both are
 * decided by the store in one atomic step, so that nodes sharing one database stay within the limits together.
 */
public interface DeliveryThrottleStore {
    /**
     * Takes a free slot among the domain's first {@code limit} ones (never taken, released, or with its lease over at
     * {@code now}) for {@code holder} until {@code leaseEnd}; empty when all are taken.
     */
    OptionalInt takeConnection(DomainName domain, int limit, String holder, Instant now, Instant leaseEnd);

    /** Extends the holder's lease of its slot; false when the slot is no longer the holder's (its lease ran out and another took it). */
    boolean renewConnection(DomainName domain, int slot, String holder, Instant leaseEnd);

    /** Frees the holder's slot (nothing when it is no longer the holder's). */
    void releaseConnection(DomainName domain, int slot, String holder);

    /**
     * Reserves a send time for one message of the domain: the later of {@code now} and the time the previous
     * reservation left free; the next reservation gets that time plus {@code spacing}.
     */
    Instant reserveSend(DomainName domain, Duration spacing, Instant now);
}
