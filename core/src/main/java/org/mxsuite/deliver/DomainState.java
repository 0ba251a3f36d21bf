package org.mxsuite.deliver;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.mxsuite.domain.Destination;

/** What this node knows of one domain while it holds mail: its destination's health, its deliveries running. */
final class DomainState {
    final DestinationHealth health;
    /** The destination the health is about: a new one (PUT) is not known to be down. */
    volatile Optional<Destination> destination = Optional.empty();
    final AtomicInteger activeDeliveries = new AtomicInteger();
    volatile Instant nextHousekeeping = Instant.EPOCH;

    DomainState(DeliverySettings settings) {
        this.health = new DestinationHealth(settings.probeMinInterval(), settings.probeMaxInterval());
    }
}
