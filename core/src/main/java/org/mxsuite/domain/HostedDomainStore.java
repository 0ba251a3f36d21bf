package org.mxsuite.domain;

import java.util.List;
import java.util.Optional;

/**
 * The registry of hosted domains. Implementations are shared by every James node using the same state
 * store, and must pass {@code HostedDomainStoreContract}.
 */
public interface HostedDomainStore {
    /** Creates the domain or replaces it whole. */
    void put(HostedDomain domain);

    Optional<HostedDomain> get(DomainName name);

    /** All hosted domains, ordered by name. */
    List<HostedDomain> list();

    /** @return whether the domain was hosted */
    boolean remove(DomainName name);
}
