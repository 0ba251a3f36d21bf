package org.mxsuite.deliver.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

import org.mxsuite.domain.DomainName;

/** {@link DeliveryThrottleStore} of one node, in memory: for tests and a single node. */
public final class MemoryDeliveryThrottleStore implements DeliveryThrottleStore {
    private static final class Lease {
        final String holder;
        final Instant end;

        Lease(String holder, Instant end) {
            this.holder = holder;
            this.end = end;
        }
    }

    private final Map<DomainName, Map<Integer, Lease>> slots = new HashMap<>();
    private final Map<DomainName, Instant> nextSend = new HashMap<>();

    @Override
    public synchronized OptionalInt takeConnection(DomainName domain, int limit, String holder, Instant now, Instant leaseEnd) {
        Map<Integer, Lease> leases = slots.computeIfAbsent(domain, name -> new HashMap<>());
        for (int slot = 0; slot < limit; slot++) {
            Lease lease = leases.get(slot);
            if (lease == null || !lease.end.isAfter(now)) {
                leases.put(slot, new Lease(holder, leaseEnd));
                return OptionalInt.of(slot);
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public synchronized boolean renewConnection(DomainName domain, int slot, String holder, Instant leaseEnd) {
        Map<Integer, Lease> leases = slots.getOrDefault(domain, Map.of());
        Lease lease = leases.get(slot);
        if (lease == null || !lease.holder.equals(holder)) {
            return false;
        }
        leases.put(slot, new Lease(holder, leaseEnd));
        return true;
    }

    @Override
    public synchronized void releaseConnection(DomainName domain, int slot, String holder) {
        Map<Integer, Lease> leases = slots.get(domain);
        if (leases != null && leases.containsKey(slot) && leases.get(slot).holder.equals(holder)) {
            leases.remove(slot);
            if (leases.isEmpty()) {
                slots.remove(domain);
            }
        }
    }

    @Override
    public synchronized Instant reserveSend(DomainName domain, Duration spacing, Instant now) {
        Instant free = nextSend.getOrDefault(domain, now);
        Instant at = free.isAfter(now) ? free : now;
        nextSend.put(domain, at.plus(spacing));
        return at;
    }
}
