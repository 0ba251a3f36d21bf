package org.mxsuite.trace;

import java.util.Locale;
import java.util.Optional;

/** What happened to a message at one step of its life, as the trace names it (lower case in JSON and the database). */
public enum TraceOutcome {
    /** Taken at SMTP time (250 to DATA). */
    ACCEPTED,
    /** Refused at SMTP time by an inbound check or limit, with the reply given. */
    REFUSED,
    /** Put in the hold queue for delivery. */
    HELD,
    /** A delivery attempt the destination accepted. */
    DELIVERED,
    /** A delivery attempt that failed for now (4xx, no answer): tried again later. */
    DEFERRED,
    /** A delivery attempt the destination refused for good (5xx). */
    FAILED,
    /** Returned to its sender (DSN). */
    RETURNED,
    /** Removed from the hold queue by an administrator. */
    DROPPED,
    /** Held past its domain's retention and given up. */
    EXPIRED;

    public String asString() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TraceOutcome> parse(String value) {
        for (TraceOutcome outcome : values()) {
            if (outcome.asString().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }
}
