package org.mxsuite.hold;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a message in the hold queue; shown to administrators and in DSNs. New ids are time-ordered UUIDs
 * (RFC 9562 version 7: milliseconds since the epoch, then random bits), so that the store's indexes on the id take
 * new messages at their end instead of at random places: H2 rewrites far fewer index pages per checkpoint and
 * PostgreSQL's B-trees stay compact. Ids of earlier versions (random UUIDs) are still read.
 */
public final class HeldMessageId {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private HeldMessageId(String value) {
        this.value = value;
    }

    /** A new id, ordered after those made in earlier milliseconds. */
    public static HeldMessageId next(Clock clock) {
        long millis = clock.millis() & 0xFFFF_FFFF_FFFFL;
        long mostSignificant = millis << 16 | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long leastSignificant = RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new HeldMessageId(new UUID(mostSignificant, leastSignificant).toString());
    }

    public static HeldMessageId of(String value) {
        try {
            return new HeldMessageId(UUID.fromString(value).toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not a held message id");
        }
    }

    public String asString() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeldMessageId && ((HeldMessageId) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
