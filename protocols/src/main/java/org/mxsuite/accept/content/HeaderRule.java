package org.mxsuite.accept.content;

/** The message sanity rules of {@code headerChecks.<rule>} in mxsuite.properties, each on by default. */
public enum HeaderRule {
    /** exactly one From: (RFC 5322 3.6) */
    ONE_FROM("oneFrom"),
    /** exactly one Date: (RFC 5322 3.6) */
    ONE_DATE("oneDate"),
    /** every header line is a field "name: value" or the continuation of one (RFC 5322 2.2) */
    WELL_FORMED("wellFormed"),
    /** lines end in CRLF, never in a bare LF (RFC 5321 2.3.8) */
    NO_BARE_LF("noBareLf"),
    /** From: holds syntactically valid addresses (RFC 5322 3.4) */
    VALID_FROM("validFrom");

    private final String key;

    HeaderRule(String key) {
        this.key = key;
    }

    /** The key under headerChecks. */
    public String key() {
        return key;
    }
}
