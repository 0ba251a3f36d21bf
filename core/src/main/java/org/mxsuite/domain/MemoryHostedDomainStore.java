package org.mxsuite.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Hosted domains in this process's memory (James's MemoryDomainList); a domain is immutable, so it is kept as given. */
public final class MemoryHostedDomainStore implements HostedDomainStore {
    private final ConcurrentSkipListMap<DomainName, HostedDomain> domains = new ConcurrentSkipListMap<>();

    @Override
    public void put(HostedDomain domain) {
        domains.put(domain.name(), domain);
    }

    @Override
    public Optional<HostedDomain> get(DomainName name) {
        return Optional.ofNullable(domains.get(name));
    }

    @Override
    public List<HostedDomain> list() {
        return new ArrayList<>(domains.values());
    }

    @Override
    public boolean remove(DomainName name) {
        return domains.remove(name) != null;
    }
}
