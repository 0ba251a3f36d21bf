package org.mxsuite.deliver;

import java.time.Instant;
import java.util.Optional;

/**
 * What this node knows of a domain's destination now, for the operator: whether it answers (unknown until tried since
 * this node started, or since the destination changed), the last failure, and when it is probed next while down.
 */
public final class DestinationStatus {
    public enum Health { UNKNOWN, UP, DOWN }

    static final DestinationStatus UNKNOWN = new DestinationStatus(Health.UNKNOWN, Optional.empty(), Optional.empty());

    private final Health health;
    private final Optional<String> lastFailure;
    private final Optional<Instant> nextProbe;

    DestinationStatus(Health health, Optional<String> lastFailure, Optional<Instant> nextProbe) {
        this.health = health;
        this.lastFailure = lastFailure;
        this.nextProbe = nextProbe;
    }

    public Health health() {
        return health;
    }

    public Optional<String> lastFailure() {
        return lastFailure;
    }

    /** When the next probe may start, while the destination is down. */
    public Optional<Instant> nextProbe() {
        return nextProbe;
    }
}
