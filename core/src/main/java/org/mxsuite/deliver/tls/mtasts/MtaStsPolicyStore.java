package org.mxsuite.deliver.tls.mtasts;

import java.util.Optional;

/**
 * The MTA-STS policies fetched, per recipient domain (lower case), shared by the nodes delivering mail: a policy one
 * node fetched is used by the others until it expires or the domain's TXT id changes, and an enforced policy stays in
 * force on every node while the domain's policy host is down (RFC 8461 section 5.1).
 */
public interface MtaStsPolicyStore {
    /** The domain's policy as last saved, expired or not; empty when none was. */
    Optional<StoredPolicy> find(String domain);

    /** Saves the domain's policy in place of the one it had. */
    void save(String domain, StoredPolicy policy);
}
