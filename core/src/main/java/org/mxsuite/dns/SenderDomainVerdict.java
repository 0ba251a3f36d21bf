package org.mxsuite.dns;

/** Whether a MAIL FROM domain can receive replies: what DNS said of its MX, A and AAAA records. */
public enum SenderDomainVerdict {
    /** an MX host name, an A or an AAAA record */
    RESOLVES,
    /** NXDOMAIN */
    DOES_NOT_EXIST,
    /** the name exists but has no usable MX, A or AAAA record (an MX that is an address, a null MX) */
    NO_MAIL_ADDRESS,
    /** a lookup failed or timed out, and nothing else resolved: the answer may differ later */
    TEMPORARY_FAILURE
}
