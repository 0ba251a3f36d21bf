package org.mxsuite.deliver;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a domain's destination answers. While it does not, it is probed (connect, EHLO) often, with a backoff
 * that stops at a few seconds: cheap for the destination, and held mail leaves within seconds of its return.
 */
final class DestinationHealth {
    enum State { UNKNOWN, UP, DOWN }

    private final Duration minInterval;
    private final Duration maxInterval;
    private State state = State.UNKNOWN;
    private Duration interval;
    private Instant nextProbe = Instant.EPOCH;
    private Optional<String> lastFailure = Optional.empty();
    private boolean probing;

    DestinationHealth(Duration minInterval, Duration maxInterval) {
        this.minInterval = minInterval;
        this.maxInterval = maxInterval;
        this.interval = minInterval;
    }

    synchronized State state() {
        return state;
    }

    synchronized void up() {
        state = State.UP;
        interval = minInterval;
        lastFailure = Optional.empty();
    }

    /** Returns whether this marked it down (it was not already): one failure is recorded per outage, not per connection. */
    synchronized boolean down(Instant now, String failure) {
        boolean wasDown = state == State.DOWN;
        if (wasDown) {
            interval = interval.multipliedBy(3).dividedBy(2);
            if (interval.compareTo(maxInterval) > 0) {
                interval = maxInterval;
            }
        } else {
            interval = minInterval;
        }
        state = State.DOWN;
        nextProbe = now.plus(interval);
        lastFailure = Optional.of(failure);
        return !wasDown;
    }

    /** Forget what we know: the next pass tries the destination at once (ETRN, flush). */
    synchronized void reset() {
        state = State.UNKNOWN;
        interval = minInterval;
        nextProbe = Instant.EPOCH;
        lastFailure = Optional.empty();
    }

    /** Takes the probe slot if a probe is due and none runs. */
    synchronized boolean startProbe(Instant now) {
        if (probing || now.isBefore(nextProbe)) {
            return false;
        }
        probing = true;
        return true;
    }

    synchronized void probeDone() {
        probing = false;
    }

    /** All of it at one instant, for the operator's page. */
    synchronized DestinationStatus status() {
        return new DestinationStatus(DestinationStatus.Health.valueOf(state.name()), lastFailure,
            state == State.DOWN ? Optional.of(nextProbe) : Optional.empty());
    }

    synchronized Optional<String> lastFailure() {
        return lastFailure;
    }
}
