package org.mxsuite.deliver.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import org.mxsuite.domain.DomainName;
import org.mxsuite.domain.HoldPolicy;

/**
 * Keeps the delivery of a domain within its {@code maxConnections} and {@code maxRate}, over every node sharing the
 * {@link DeliveryThrottleStore}: a connection is opened only with a slot, and each message waits for its send time.
 * A domain with neither setting costs nothing here (no store call), so its drain runs as fast as before.
 */
public final class DestinationThrottle {
    /** Waits until a time; a test may count the waits instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepUntil(Instant time, Clock clock) throws InterruptedException;
    }

    public static final Sleeper SLEEP = (time, clock) -> {
        long millis = Duration.between(clock.instant(), time).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    };

    private final DeliveryThrottleStore store;
    private final String nodeId;
    private final Duration lease;
    private final Clock clock;
    private final Sleeper sleeper;

    public DestinationThrottle(DeliveryThrottleStore store, String nodeId, Duration lease, Clock clock, Sleeper sleeper) {
        this.store = store;
        this.nodeId = nodeId;
        this.lease = lease;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** A connection of the domain to its destination may be opened: its permit, or empty when all its slots are taken. */
    public Optional<ConnectionPermit> openConnection(DomainName domain, HoldPolicy policy) {
        if (policy.maxConnections().isEmpty()) {
            return Optional.of(ConnectionPermit.UNLIMITED);
        }
        String holder = nodeId + "/" + UUID.randomUUID();
        Instant now = clock.instant();
        OptionalInt slot = store.takeConnection(domain, policy.maxConnections().get(), holder, now, now.plus(lease));
        if (slot.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LeasedSlot(domain, slot.getAsInt(), holder, now));
    }

    /** Returns when the domain's next message may go (at once without a {@code maxRate}). */
    public void awaitTurn(DomainName domain, HoldPolicy policy) throws InterruptedException {
        if (policy.maxRate().isEmpty()) {
            return;
        }
        Duration spacing = Duration.ofNanos(Math.round(1_000_000_000d / policy.maxRate().get()));
        sleeper.sleepUntil(store.reserveSend(domain, spacing, clock.instant()), clock);
    }

    /** The right to keep one connection open; {@link #keepAlive()} before each message, {@link #close()} at its end. */
    public interface ConnectionPermit extends AutoCloseable {
        ConnectionPermit UNLIMITED = new ConnectionPermit() {
            @Override
            public boolean keepAlive() {
                return true;
            }

            @Override
            public void close() {
            }
        };

        /** False when the slot was lost (its lease ran out, e.g. a stalled node): the connection should end. */
        boolean keepAlive();

        @Override
        void close();
    }

    private final class LeasedSlot implements ConnectionPermit {
        private final DomainName domain;
        private final int slot;
        private final String holder;
        private Instant renewed;

        LeasedSlot(DomainName domain, int slot, String holder, Instant renewed) {
            this.domain = domain;
            this.slot = slot;
            this.holder = holder;
            this.renewed = renewed;
        }

        @Override
        public boolean keepAlive() {
            Instant now = clock.instant();
            // renewed a quarter of the way into the lease: one store call per lease quarter, not per message
            if (now.isBefore(renewed.plus(lease.dividedBy(4)))) {
                return true;
            }
            renewed = now;
            return store.renewConnection(domain, slot, holder, now.plus(lease));
        }

        @Override
        public void close() {
            store.releaseConnection(domain, slot, holder);
        }
    }
}
