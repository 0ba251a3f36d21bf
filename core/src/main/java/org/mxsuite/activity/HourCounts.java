package org.mxsuite.activity;

import java.time.Instant;
import java.util.Objects;

import org.mxsuite.domain.DomainName;

/** A domain's deliveries, deferrals and returns of one UTC hour (recipients; a return: one told to its sender). */
public final class HourCounts {
    private final DomainName domain;
    private final Instant hour;
    private final long delivered;
    private final long deferred;
    private final long returned;

    public HourCounts(DomainName domain, Instant hour, long delivered, long deferred, long returned) {
        if (delivered < 0 || deferred < 0 || returned < 0) {
            throw new IllegalArgumentException("negative counts of " + domain + " at " + hour);
        }
        this.domain = domain;
        this.hour = hour;
        this.delivered = delivered;
        this.deferred = deferred;
        this.returned = returned;
    }

    public DomainName domain() {
        return domain;
    }

    /** The hour's start (UTC, whole hour). */
    public Instant hour() {
        return hour;
    }

    public long delivered() {
        return delivered;
    }

    public long deferred() {
        return deferred;
    }

    public long returned() {
        return returned;
    }

    /** These counts and {@code other}'s (of the same domain and hour) together. */
    HourCounts plus(HourCounts other) {
        return new HourCounts(domain, hour, delivered + other.delivered, deferred + other.deferred, returned + other.returned);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HourCounts)) {
            return false;
        }
        HourCounts other = (HourCounts) o;
        return other.domain.equals(domain) && other.hour.equals(hour) && other.delivered == delivered
            && other.deferred == deferred && other.returned == returned;
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, hour, delivered, deferred, returned);
    }

    @Override
    public String toString() {
        return domain + " " + hour + ": " + delivered + " delivered, " + deferred + " deferred, " + returned + " returned";
    }
}
