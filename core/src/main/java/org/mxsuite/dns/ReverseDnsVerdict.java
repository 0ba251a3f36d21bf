package org.mxsuite.dns;

import java.util.Optional;

/** What forward-confirmed reverse DNS found for a client address. */
public final class ReverseDnsVerdict {
    public enum Status {
        /** a PTR name that resolves back to the address */
        CONFIRMED,
        /** no PTR record */
        NO_NAME,
        /** PTR names, none of which resolves back to the address */
        MISMATCH,
        /** a lookup failed or timed out before anything was confirmed */
        TEMPORARY_FAILURE
    }

    private final Status status;
    private final Optional<String> name;

    private ReverseDnsVerdict(Status status, Optional<String> name) {
        this.status = status;
        this.name = name;
    }

    public static ReverseDnsVerdict confirmed(String name) {
        return new ReverseDnsVerdict(Status.CONFIRMED, Optional.of(name));
    }

    public static ReverseDnsVerdict mismatch(String name) {
        return new ReverseDnsVerdict(Status.MISMATCH, Optional.of(name));
    }

    public static ReverseDnsVerdict of(Status status) {
        return new ReverseDnsVerdict(status, Optional.empty());
    }

    public Status status() {
        return status;
    }

    /** The confirmed name, or the (first) name that did not resolve back. */
    public Optional<String> name() {
        return name;
    }

    /** The name only when forward-confirmed: what host-name rules may trust. */
    public Optional<String> confirmedName() {
        return status == Status.CONFIRMED ? name : Optional.empty();
    }

    @Override
    public String toString() {
        return status + name.map(n -> " " + n).orElse("");
    }
}
