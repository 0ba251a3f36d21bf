package org.mxsuite.deliver;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.mxsuite.hold.HeldMessage;
import org.mxsuite.hold.HeldMessageId;

/**
 * The held messages this node is working on right now. Only their leases are renewed: a message that a failed
 * batch left leased is not kept from the other nodes (and from this one) for as long as this node runs, its lease
 * expires.
 */
final class ClaimedMessages {
    private final Set<HeldMessageId> ids = ConcurrentHashMap.newKeySet();

    /** Returns {@code batch}, now counted as worked on. */
    List<HeldMessage> add(List<HeldMessage> batch) {
        batch.forEach(message -> ids.add(message.id()));
        return batch;
    }

    /** The batch is done with, however it ended. */
    void remove(List<HeldMessage> batch) {
        batch.forEach(message -> ids.remove(message.id()));
    }

    List<HeldMessageId> current() {
        return List.copyOf(ids);
    }
}
