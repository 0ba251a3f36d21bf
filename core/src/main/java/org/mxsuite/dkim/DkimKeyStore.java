package org.mxsuite.dkim;

import java.time.Instant;
import java.util.List;

import org.mxsuite.domain.DomainName;

/** The DKIM keys of each domain, private keys included, shared by the nodes of a cluster. */
public interface DkimKeyStore {
    /** The domain's keys, oldest first (by creation, then selector). */
    List<DkimKey> keys(DomainName domain);

    /** Adds the key; false, changing nothing, when the domain has a key under its selector already. */
    boolean add(DkimKey key);

    /** Sets the state of the domain's key under {@code selector}; false when there is none. */
    boolean setState(DomainName domain, String selector, DkimKey.State state, Instant at);

    /** Forgets the domain's key under {@code selector}; false when there is none. */
    boolean delete(DomainName domain, String selector);
}
