package org.mxsuite.limit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Charges against limits over hours, days and months (UTC). {@link #check} forecasts without counting (the RCPT-time
 * check); {@link #take} counts a list of charges all or nothing: each is one atomic reservation, and a charge that
 * does not fit gives back those taken before it, so that no counter passes its limit even for a moment, and a refused
 * message counts nothing. Counts of ended periods are dropped by this node's first charge of each hour.
 */
public final class TrafficCounters {
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final CounterStore store;
    private final Clock clock;
    private final AtomicReference<Instant> purgedAt = new AtomicReference<>(Instant.MIN);

    public TrafficCounters(CounterStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The first of {@code charges} that would not fit now, without counting any. */
    public Optional<LimitReached> check(List<Charge> charges) {
        Instant now = clock.instant();
        for (Charge charge : charges) {
            long used = store.used(charge.key(), charge.window().start(now));
            if (used + charge.amount() > charge.limit()) {
                return Optional.of(new LimitReached(charge, used, charge.window().end(now)));
            }
        }
        return Optional.empty();
    }

    /** Counts every one of {@code charges}, or none of them: the first that did not fit is returned. */
    public Optional<LimitReached> take(List<Charge> charges) {
        Instant now = clock.instant();
        purgeNowAndThen(now);
        List<Charge> taken = new ArrayList<>();
        for (Charge charge : charges) {
            CounterStore.Reservation reservation = store.reserve(charge.key(), charge.window().start(now), charge.window().end(now),
                charge.amount(), charge.limit());
            if (!reservation.accepted()) {
                giveBack(taken, now);
                return Optional.of(new LimitReached(charge, reservation.used(), charge.window().end(now)));
            }
            taken.add(charge);
        }
        return Optional.empty();
    }

    /** Takes back charges {@link #take} counted, for a message refused after all by a later check. */
    public void giveBack(List<Charge> charges) {
        giveBack(charges, clock.instant());
    }

    private void giveBack(List<Charge> charges, Instant now) {
        charges.forEach(charge -> store.release(charge.key(), charge.window().start(now), charge.amount()));
    }

    /** The count of {@code charge}'s counter in the current period. */
    public long used(Charge charge) {
        return store.used(charge.key(), charge.window().start(clock.instant()));
    }

    /** When the current period of {@code window} ends. */
    public Instant resetsAt(Window window) {
        return window.end(clock.instant());
    }

    /** The current period of {@code window} starts from zero for {@code charge}'s counter. */
    public void reset(Charge charge) {
        store.reset(charge.key(), charge.window().start(clock.instant()));
    }

    private void purgeNowAndThen(Instant now) {
        Instant last = purgedAt.get();
        if (last.plus(PURGE_EVERY).isBefore(now) && purgedAt.compareAndSet(last, now)) {
            store.purgeEndedBefore(now);
        }
    }
}
