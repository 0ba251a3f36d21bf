package org.mxsuite.dnsbl;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import org.mxsuite.domain.Cidr;

/**
 * The internal blocklist in this process's memory, keyed by the network's canonical text as {@link JdbcLocalBlocklist}
 * orders it; expired entries are ignored, and dropped when the list is edited.
 */
public final class MemoryLocalBlocklist implements LocalBlocklist {
    private final ConcurrentSkipListMap<String, LocalBlocklistEntry> entries = new ConcurrentSkipListMap<>();
    private final Clock clock;

    public MemoryLocalBlocklist(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void put(LocalBlocklistEntry entry) {
        entries.put(entry.network().toString(), entry);
        entries.values().removeIf(old -> !old.isActiveAt(clock.instant()));
    }

    @Override
    public Optional<LocalBlocklistEntry> get(Cidr network) {
        return Optional.ofNullable(entries.get(network.toString())).filter(entry -> entry.isActiveAt(clock.instant()));
    }

    @Override
    public List<LocalBlocklistEntry> list() {
        List<LocalBlocklistEntry> active = new ArrayList<>();
        entries.values().stream().filter(entry -> entry.isActiveAt(clock.instant())).forEach(active::add);
        return active;
    }

    @Override
    public boolean remove(Cidr network) {
        return entries.remove(network.toString()) != null;
    }

    @Override
    public Optional<LocalBlocklistEntry> match(InetAddress client) {
        return JdbcLocalBlocklist.narrowest(list(), client);
    }
}
