package org.mxsuite.dns;

import java.util.List;
import java.util.stream.Collectors;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/** What a DNS lookup gave: records, or why there are none (a name that does not exist is not a failure). */
public final class DnsAnswer {
    public enum Status {
        /** at least one record of the type asked */
        FOUND,
        /** the name does not exist (NXDOMAIN) */
        NO_SUCH_NAME,
        /** the name exists but has no record of the type asked */
        NO_DATA,
        /** the server failed (SERVFAIL, REFUSED, a malformed answer): nothing can be concluded */
        FAILED,
        /** no answer in time: nothing can be concluded */
        TIMED_OUT
    }

    private final Status status;
    private final List<Record> records;
    private final String detail;

    private DnsAnswer(Status status, List<Record> records, String detail) {
        this.status = status;
        this.records = List.copyOf(records);
        this.detail = detail;
    }

    public static DnsAnswer found(List<Record> records) {
        return new DnsAnswer(Status.FOUND, records, "");
    }

    public static DnsAnswer of(Status status, String detail) {
        return new DnsAnswer(status, List.of(), detail);
    }

    public Status status() {
        return status;
    }

    public List<Record> records() {
        return records;
    }

    /** True when the answer says something (found, or definitely nothing); false on failure or timeout. */
    public boolean isConclusive() {
        return status != Status.FAILED && status != Status.TIMED_OUT;
    }

    /** The addresses of A and AAAA records, as text. */
    public List<String> addresses() {
        return records.stream()
            .map(record -> record instanceof ARecord ? ((ARecord) record).getAddress().getHostAddress()
                : record instanceof AAAARecord ? ((AAAARecord) record).getAddress().getHostAddress() : null)
            .filter(address -> address != null)
            .collect(Collectors.toList());
    }

    /** The strings of TXT records, each record's strings joined. */
    public List<String> texts() {
        return records.stream().filter(TXTRecord.class::isInstance)
            .map(record -> String.join("", ((TXTRecord) record).getStrings()))
            .collect(Collectors.toList());
    }

    /** A short reason for logs and replies, such as "SERVFAIL" or "timed out after 2s". */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return status + (detail.isEmpty() ? "" : " (" + detail + ")") + (records.isEmpty() ? "" : " " + records);
    }
}
