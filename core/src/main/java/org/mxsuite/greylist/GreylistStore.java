package org.mxsuite.greylist;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.mxsuite.domain.Cidr;

/**
 * Greylisting's shared memory: triplets, the networks that passed, and the allow lists edited over REST. Shared by
 * every James node using the same state store; implementations must pass {@code GreylistStoreContract}.
 */
public interface GreylistStore {
    Optional<TripletState> find(Triplet triplet);

    /**
     * Records the first sight of a triplet at {@code now}, unless one is recorded already (another node may have been
     * first); returns what is recorded.
     */
    TripletState firstSight(Triplet triplet, Instant now);

    /** Starts the triplet over (its retry came too late, or it was unused too long): first seen now, not passed. */
    void restart(Triplet triplet, Instant now);

    /** The triplet's retry came in time: passed now; its network counts one more pass. */
    void pass(Triplet triplet, Instant now);

    /** A passed triplet was used again (its network too). */
    void touch(Triplet triplet, Instant now);

    /** An auto-allowed network was used again. */
    void touchNetwork(Cidr network, Instant now);

    /** How many triplets of the network have passed, and when the last one was used; empty when none. */
    Optional<NetworkPasses> network(Cidr network);

    /**
     * Forgets triplets that never passed and were first seen before {@code unpassedBefore}, passed triplets and
     * networks last used before {@code unusedBefore}; returns how many rows went.
     */
    int purge(Instant unpassedBefore, Instant unusedBefore);

    /** Counts; a network is auto-allowed with {@code autoAllowAfter} passes used since {@code usedSince}. */
    GreylistCounts counts(int autoAllowAfter, Instant usedSince);

    Set<String> allowed(AllowList list);

    /** @return whether the entry was new */
    boolean allow(AllowList list, String entry);

    /** @return whether the entry was there */
    boolean disallow(AllowList list, String entry);

    /** Passes of a network. */
    final class NetworkPasses {
        private final int passes;
        private final Instant lastUsed;

        public NetworkPasses(int passes, Instant lastUsed) {
            this.passes = passes;
            this.lastUsed = lastUsed;
        }

        public int passes() {
            return passes;
        }

        public Instant lastUsed() {
            return lastUsed;
        }
    }
}
