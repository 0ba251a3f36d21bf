package org.mxsuite.greylist;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.mxsuite.domain.Cidr;

/** {@link GreylistStore} in this process's memory; one lock, so a first sight or a pass is decided once. */
public final class MemoryGreylistStore implements GreylistStore {
    private final Map<Triplet, TripletState> triplets = new HashMap<>();
    private final Map<Cidr, NetworkPasses> networks = new HashMap<>();
    private final Map<AllowList, Set<String>> allowLists = new EnumMap<>(AllowList.class);

    @Override
    public synchronized Optional<TripletState> find(Triplet triplet) {
        return Optional.ofNullable(triplets.get(triplet));
    }

    @Override
    public synchronized TripletState firstSight(Triplet triplet, Instant now) {
        return triplets.computeIfAbsent(triplet, key -> new TripletState(now, Optional.empty(), now));
    }

    @Override
    public synchronized void restart(Triplet triplet, Instant now) {
        triplets.computeIfPresent(triplet, (key, state) -> new TripletState(now, Optional.empty(), now));
    }

    @Override
    public synchronized void pass(Triplet triplet, Instant now) {
        TripletState state = triplets.get(triplet);
        if (state == null || state.hasPassed()) {
            return;
        }
        triplets.put(triplet, new TripletState(state.firstSeen(), Optional.of(now), now));
        NetworkPasses before = networks.get(triplet.network());
        networks.put(triplet.network(), new NetworkPasses(before == null ? 1 : before.passes() + 1, now));
    }

    @Override
    public synchronized void touch(Triplet triplet, Instant now) {
        triplets.computeIfPresent(triplet, (key, state) -> new TripletState(state.firstSeen(), state.passedAt(), now));
        touchNetwork(triplet.network(), now);
    }

    @Override
    public synchronized void touchNetwork(Cidr network, Instant now) {
        networks.computeIfPresent(network, (key, passes) -> new NetworkPasses(passes.passes(), now));
    }

    @Override
    public synchronized Optional<NetworkPasses> network(Cidr network) {
        return Optional.ofNullable(networks.get(network));
    }

    @Override
    public synchronized int purge(Instant unpassedBefore, Instant unusedBefore) {
        int before = triplets.size() + networks.size();
        triplets.values().removeIf(state -> (!state.hasPassed() && state.firstSeen().isBefore(unpassedBefore))
            || state.lastSeen().isBefore(unusedBefore));
        networks.values().removeIf(passes -> passes.lastUsed().isBefore(unusedBefore));
        return before - triplets.size() - networks.size();
    }

    @Override
    public synchronized GreylistCounts counts(int autoAllowAfter, Instant usedSince) {
        long passed = triplets.values().stream().filter(TripletState::hasPassed).count();
        long autoAllowed = networks.values().stream()
            .filter(passes -> passes.passes() >= autoAllowAfter && !passes.lastUsed().isBefore(usedSince)).count();
        return new GreylistCounts(triplets.size(), passed, autoAllowed);
    }

    @Override
    public synchronized Set<String> allowed(AllowList list) {
        return new TreeSet<>(allowLists.getOrDefault(list, Set.of()));
    }

    @Override
    public synchronized boolean allow(AllowList list, String entry) {
        return allowLists.computeIfAbsent(list, key -> new TreeSet<>()).add(entry);
    }

    @Override
    public synchronized boolean disallow(AllowList list, String entry) {
        return allowLists.getOrDefault(list, new TreeSet<>()).remove(entry);
    }
}
