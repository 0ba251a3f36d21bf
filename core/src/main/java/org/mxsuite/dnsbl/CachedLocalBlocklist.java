package org.mxsuite.dnsbl;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.mxsuite.dnsbl.LocalBlocklist;
import org.mxsuite.dnsbl.LocalBlocklistEntry;
import org.mxsuite.domain.Cidr;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.mxsuite.state.StateStoreException;

/**
 * The internal blocklist as the SMTP path reads it: every RCPT asks, so the whole list is kept in memory and read
 * again from the store when a second old (changes of other nodes sharing the store show within a second); a change
 * made on this node is seen at once.
 */
public final class CachedLocalBlocklist implements LocalBlocklist {
    private static final Logger LOGGER = LoggerFactory.getLogger(CachedLocalBlocklist.class);
    static final Duration FRESHNESS = Duration.ofSeconds(1);

    private final LocalBlocklist store;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private static final class Snapshot {
        final List<LocalBlocklistEntry> entries;
        final Instant readAt;

        Snapshot(List<LocalBlocklistEntry> entries, Instant readAt) {
            this.entries = entries;
            this.readAt = readAt;
        }
    }

    public CachedLocalBlocklist(LocalBlocklist store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void put(LocalBlocklistEntry entry) {
        try {
            store.put(entry);
        } finally {
            snapshot = null;
        }
    }

    @Override
    public Optional<LocalBlocklistEntry> get(Cidr network) {
        return store.get(network);
    }

    @Override
    public List<LocalBlocklistEntry> list() {
        return store.list();
    }

    @Override
    public boolean remove(Cidr network) {
        try {
            return store.remove(network);
        } finally {
            snapshot = null;
        }
    }

    @Override
    public Optional<LocalBlocklistEntry> match(InetAddress client) {
        Instant now = clock.instant();
        Snapshot current = snapshot;
        if (current == null || !now.isBefore(current.readAt.plus(FRESHNESS))) {
            try {
                current = new Snapshot(List.copyOf(store.list()), now);
            } catch (StateStoreException e) {
                if (current == null) {
                    throw e;
                }
                // the database is away for a moment: the list as last read is better than refusing every RCPT
                LOGGER.warn("Cannot read the internal blocklist again, using the list read at {}: {}", current.readAt, e.getMessage());
                current = new Snapshot(current.entries, now);
            }
            snapshot = current;
        }
        return JdbcLocalBlocklist.narrowest(current.entries, client).filter(entry -> entry.isActiveAt(now));
    }
}
