package org.mxsuite.deliver.tls.dane;

import java.time.Duration;
import java.util.List;

import org.xbill.DNS.Record;

/** An answer of the validating resolver: its DNSSEC status, the records of the type asked, how long it holds. */
public final class ValidatedAnswer {
    public enum Security {
        /** Validated from a trust anchor (AD): records, or their authenticated absence. */
        SECURE,
        /** Provably unsigned (no trust anchor above it, or an unsigned delegation). */
        INSECURE,
        /** Signed but failing validation: forged, stripped or broken. */
        BOGUS,
        /** No answer (SERVFAIL, time-out, network error). */
        FAILED
    }

    private final Security security;
    private final List<Record> records;
    private final Duration ttl;
    private final String reason;

    ValidatedAnswer(Security security, List<Record> records, Duration ttl, String reason) {
        this.security = security;
        this.records = List.copyOf(records);
        this.ttl = ttl;
        this.reason = reason;
    }

    public Security security() {
        return security;
    }

    public boolean isSecure() {
        return security == Security.SECURE;
    }

    /** The records of the type asked (none when the name or type does not exist). */
    public List<Record> records() {
        return records;
    }

    /** The smallest TTL of the answer (the negative TTL for an absence). */
    public Duration ttl() {
        return ttl;
    }

    /** Why it is bogus or failed; the rcode otherwise. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return security.name().toLowerCase(java.util.Locale.ROOT) + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
}
