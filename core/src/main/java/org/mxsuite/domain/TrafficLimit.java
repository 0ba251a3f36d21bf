package org.mxsuite.domain;

import java.util.EnumSet;
import java.util.Set;

import org.mxsuite.limit.Window;

/**
 * The traffic limits a hosted domain may have, whatever its service: what each counts, over which UTC window, and
 * the field that sets it ({@code docs/rest-api.md}, the table of per-domain settings).
 */
public enum TrafficLimit {
    /** Messages accepted for the domain: a message for N of its recipients counts once. */
    MESSAGES_PER_DAY("messagesPerDay", Window.DAY, "messages", false, 1, 100_000_000, "message limit"),
    /** Bytes of the messages accepted for it, as the client sent them; once per message, as for messages. */
    BYTES_PER_DAY("bytesPerDay", Window.DAY, "bytes", true, HoldPolicy.MIN_QUOTA_BYTES, HoldPolicy.MAX_QUOTA_BYTES, "byte limit"),
    BYTES_PER_MONTH("bytesPerMonth", Window.MONTH, "bytes", true, HoldPolicy.MIN_QUOTA_BYTES, HoldPolicy.MAX_QUOTA_BYTES, "byte limit"),
    /** SMTP transactions that name at least one of its recipients, counted at their first RCPT for it. */
    TRANSACTIONS_PER_DAY("transactionsPerDay", Window.DAY, "transactions", false, 1, 100_000_000, "transaction limit");

    /** Counted when a message is accepted, at the end of DATA (checked ahead at RCPT). */
    public static final Set<TrafficLimit> PER_MESSAGE = EnumSet.of(MESSAGES_PER_DAY, BYTES_PER_DAY, BYTES_PER_MONTH);
    /** Counted at the first RCPT of a transaction for the domain. */
    public static final Set<TrafficLimit> PER_TRANSACTION = EnumSet.of(TRANSACTIONS_PER_DAY);

    private final String field;
    private final Window window;
    private final String counted;
    private final boolean bytes;
    private final long min;
    private final long max;
    private final String description;

    TrafficLimit(String field, Window window, String counted, boolean bytes, long min, long max, String description) {
        this.field = field;
        this.window = window;
        this.counted = counted;
        this.bytes = bytes;
        this.min = min;
        this.max = max;
        this.description = description;
    }

    /** The JSON field of the domain's settings. */
    public String field() {
        return field;
    }

    public Window window() {
        return window;
    }

    /** What it counts: messages, bytes or transactions. */
    public String counted() {
        return counted;
    }

    /** True for byte counts (a field that takes "1000MB" as well as a number). */
    public boolean countsBytes() {
        return bytes;
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    /** How replies name it after its window: "message limit". */
    public String description() {
        return description;
    }
}
