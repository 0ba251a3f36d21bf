package org.mxsuite.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HostedDomain;
import org.mxsuite.domain.HostedDomainStore;

/**
 * Hosted domains as the SMTP path and the mailets read them: every RCPT and every mail asks, so each answer (a domain
 * we do not host included) is kept for a second instead of querying and parsing the settings every time. A change
 * made on this node is seen by the next lookup (within a second if a lookup was reading at that very moment); one
 * made on another node sharing the store, within a second.
 */
public final class CachedHostedDomainStore implements HostedDomainStore {
    static final Duration FRESHNESS = Duration.ofSeconds(1);

    private final HostedDomainStore store;
    private final Clock clock;
    private final Map<DomainName, Entry> entries = new ConcurrentHashMap<>();

    private static final class Entry {
        final Optional<HostedDomain> domain;
        final Instant readAt;

        Entry(Optional<HostedDomain> domain, Instant readAt) {
            this.domain = domain;
            this.readAt = readAt;
        }
    }

    public CachedHostedDomainStore(HostedDomainStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Optional<HostedDomain> get(DomainName name) {
        Instant now = clock.instant();
        Entry entry = entries.get(name);
        if (entry != null && now.isBefore(entry.readAt.plus(FRESHNESS))) {
            return entry.domain;
        }
        Optional<HostedDomain> domain = store.get(name);
        entries.put(name, new Entry(domain, now));
        return domain;
    }

    @Override
    public void put(HostedDomain domain) {
        try {
            store.put(domain);
        } finally {
            entries.remove(domain.name());
        }
    }

    @Override
    public List<HostedDomain> list() {
        return store.list();
    }

    @Override
    public boolean remove(DomainName name) {
        try {
            return store.remove(name);
        } finally {
            entries.remove(name);
        }
    }
}
