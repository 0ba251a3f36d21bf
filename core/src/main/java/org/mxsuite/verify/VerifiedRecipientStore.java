package org.mxsuite.verify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HoldPolicy;
import org.mxsuite.domain.HostedDomain;

/**
 * The answers of domains' servers about their recipients ({@link VerifiedRecipient}), shared by every node on the
 * same state store. An answer past its expiry is never returned; it is dropped when its domain is next written.
 */
public interface VerifiedRecipientStore {
    /** Remembers an answer, replacing any earlier one for the address. */
    void put(VerifiedRecipient answer);

    /** The answer for the canonical {@code address}, if one is fresh at {@code now}. */
    Optional<VerifiedRecipient> get(DomainName domain, String address, Instant now);

    /** The domain's answers fresh at {@code now}, by address. */
    List<VerifiedRecipient> list(DomainName domain, Instant now);

    /** Forgets the answer for one address; whether there was one (fresh or not). */
    boolean remove(DomainName domain, String address);

    /** Forgets every answer of the domain; how many there were. */
    int removeAll(DomainName domain);

    /** The answers were the old destination's: forgets them when a change of the domain's settings gives it another. */
    default void forgetIfDestinationChanged(HostedDomain before, HostedDomain after) {
        if (!before.holdPolicy().map(HoldPolicy::destination).equals(after.holdPolicy().map(HoldPolicy::destination))) {
            removeAll(after.name());
        }
    }
}
