package org.mxsuite.deliver.tls.mtasts;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link MtaStsPolicyStore} of one node, in memory: for tests and a single node. */
public final class MemoryMtaStsPolicyStore implements MtaStsPolicyStore {
    private final Map<String, StoredPolicy> policies = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredPolicy> find(String domain) {
        return Optional.ofNullable(policies.get(domain));
    }

    @Override
    public void save(String domain, StoredPolicy policy) {
        policies.put(domain, policy);
    }
}
