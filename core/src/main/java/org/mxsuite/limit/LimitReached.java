package org.mxsuite.limit;

import java.time.Instant;

/** A charge that did not fit: the limit, what it had used, and when it starts again from zero. */
public final class LimitReached {
    private final Charge charge;
    private final long used;
    private final Instant resetsAt;

    public LimitReached(Charge charge, long used, Instant resetsAt) {
        this.charge = charge;
        this.used = used;
        this.resetsAt = resetsAt;
    }

    public Charge charge() {
        return charge;
    }

    public long used() {
        return used;
    }

    public Instant resetsAt() {
        return resetsAt;
    }

    /** The text of a temporary refusal: the limit, its use, and its reset time in UTC. */
    public String text() {
        return charge.limitName() + " reached (" + used + " used, this needs " + charge.amount() + "); it resets at " + resetsAt;
    }

    @Override
    public String toString() {
        return text();
    }
}
