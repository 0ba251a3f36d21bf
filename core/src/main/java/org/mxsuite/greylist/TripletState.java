package org.mxsuite.greylist;

import java.time.Instant;
import java.util.Optional;

/** Where a triplet stands: first seen at, passed at (once a retry came in time), last used at. */
public final class TripletState {
    private final Instant firstSeen;
    private final Optional<Instant> passedAt;
    private final Instant lastSeen;

    public TripletState(Instant firstSeen, Optional<Instant> passedAt, Instant lastSeen) {
        this.firstSeen = firstSeen;
        this.passedAt = passedAt;
        this.lastSeen = lastSeen;
    }

    public Instant firstSeen() {
        return firstSeen;
    }

    public Optional<Instant> passedAt() {
        return passedAt;
    }

    public Instant lastSeen() {
        return lastSeen;
    }

    public boolean hasPassed() {
        return passedAt.isPresent();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TripletState)) {
            return false;
        }
        TripletState that = (TripletState) o;
        return firstSeen.equals(that.firstSeen) && passedAt.equals(that.passedAt) && lastSeen.equals(that.lastSeen);
    }

    @Override
    public int hashCode() {
        return firstSeen.hashCode() * 31 + lastSeen.hashCode();
    }

    @Override
    public String toString() {
        return "first seen " + firstSeen + passedAt.map(at -> ", passed " + at).orElse(", not passed") + ", last seen " + lastSeen;
    }
}
