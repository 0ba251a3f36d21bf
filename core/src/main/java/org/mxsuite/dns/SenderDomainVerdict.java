package org.mxsuite.dns;

/** Whether a MAIL FROM domain can receive replies: what DNS said of its MX, A and AAAA records. */
public final class SenderDomainVerdict {
    public enum Status {
        /** an MX host name, an A or an AAAA record */
        RESOLVES,
        /** NXDOMAIN */
        DOES_NOT_EXIST,
        /** the name exists but has no usable MX, A or AAAA record (an MX that is an address, a null MX) */
        NO_MAIL_ADDRESS,
        /** a lookup failed or timed out, and nothing else resolved: the answer may differ later */
        TEMPORARY_FAILURE
    }

    public static final SenderDomainVerdict RESOLVES = new SenderDomainVerdict(Status.RESOLVES, "");
    public static final SenderDomainVerdict DOES_NOT_EXIST = new SenderDomainVerdict(Status.DOES_NOT_EXIST, "");
    public static final SenderDomainVerdict NO_MAIL_ADDRESS = new SenderDomainVerdict(Status.NO_MAIL_ADDRESS, "");

    private final Status status;
    private final String detail;

    private SenderDomainVerdict(Status status, String detail) {
        this.status = status;
        this.detail = detail;
    }

    /** A lookup failed or timed out; {@code detail} says how ("no answer within 2s", "SERVFAIL"). */
    public static SenderDomainVerdict temporaryFailure(String detail) {
        return new SenderDomainVerdict(Status.TEMPORARY_FAILURE, detail);
    }

    public Status status() {
        return status;
    }

    /** How a lookup failed, for a temporary failure; empty otherwise. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return status + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
