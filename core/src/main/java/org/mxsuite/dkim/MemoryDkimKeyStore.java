package org.mxsuite.dkim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.mxsuite.domain.DomainName;

/** {@link DkimKeyStore} in this process's memory: each domain's keys changed atomically under its map entry. */
public final class MemoryDkimKeyStore implements DkimKeyStore {
    private final Map<DomainName, List<DkimKey>> keys = new ConcurrentHashMap<>();

    @Override
    public List<DkimKey> keys(DomainName domain) {
        List<DkimKey> result = new ArrayList<>();
        keys.computeIfPresent(domain, (name, list) -> {
            result.addAll(list);
            return list;
        });
        result.sort(Comparator.comparing(DkimKey::created).thenComparing(DkimKey::selector));
        return result;
    }

    @Override
    public boolean add(DkimKey key) {
        boolean[] added = new boolean[1];
        keys.compute(key.domain(), (name, list) -> {
            List<DkimKey> updated = list == null ? new ArrayList<>() : list;
            added[0] = updated.stream().noneMatch(existing -> existing.selector().equals(key.selector()));
            if (added[0]) {
                updated.add(key);
            }
            return updated;
        });
        return added[0];
    }

    @Override
    public boolean setState(DomainName domain, String selector, DkimKey.State state, Instant at) {
        boolean[] found = new boolean[1];
        keys.computeIfPresent(domain, (name, list) -> {
            list.replaceAll(key -> {
                if (!key.selector().equals(selector)) {
                    return key;
                }
                found[0] = true;
                return key.withState(state, at);
            });
            return list;
        });
        return found[0];
    }

    @Override
    public boolean delete(DomainName domain, String selector) {
        boolean[] found = new boolean[1];
        keys.computeIfPresent(domain, (name, list) -> {
            found[0] = list.removeIf(key -> key.selector().equals(selector));
            return list.isEmpty() ? null : list;
        });
        return found[0];
    }
}
