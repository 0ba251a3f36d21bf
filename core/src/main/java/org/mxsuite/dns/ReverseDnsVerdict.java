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
    private final String detail;

    private ReverseDnsVerdict(Status status, Optional<String> name, String detail) {
        this.status = status;
        this.name = name;
        this.detail = detail;
    }

    public static ReverseDnsVerdict confirmed(String name) {
        return new ReverseDnsVerdict(Status.CONFIRMED, Optional.of(name), "");
    }

    public static ReverseDnsVerdict mismatch(String name) {
        return new ReverseDnsVerdict(Status.MISMATCH, Optional.of(name), "");
    }

    public static ReverseDnsVerdict of(Status status) {
        return new ReverseDnsVerdict(status, Optional.empty(), "");
    }

    /** A lookup failed or timed out; {@code detail} says how ("no answer within 2s", "SERVFAIL"). */
    public static ReverseDnsVerdict temporaryFailure(String detail) {
        return new ReverseDnsVerdict(Status.TEMPORARY_FAILURE, Optional.empty(), detail);
    }

    public Status status() {
        return status;
    }

    /** The confirmed name, or the (first) name that did not resolve back. */
    public Optional<String> name() {
        return name;
    }

    /** How a lookup failed, for a temporary failure; empty otherwise. */
    public String detail() {
        return detail;
    }

    /** The name only when forward-confirmed: what host-name rules may trust. */
    public Optional<String> confirmedName() {
        return status == Status.CONFIRMED ? name : Optional.empty();
    }

    @Override
    public String toString() {
        return status + name.map(n -> " " + n).orElse("") + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
