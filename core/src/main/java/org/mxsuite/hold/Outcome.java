package org.mxsuite.hold;

import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.MailAddress;

/** What one delivery attempt did for one recipient. */
public final class Outcome {
    public enum Kind {
        /** 2xx: the destination took responsibility; the recipient leaves the queue. */
        DELIVERED,
        /** 4xx or no answer: retried at {@link #nextAttempt()}. */
        DEFERRED,
        /** 5xx, or held past retention: the recipient leaves the queue (the sender gets a DSN). */
        FAILED
    }

    private final MailAddress recipient;
    private final Kind kind;
    private final String reply;
    private final Optional<Instant> nextAttempt;

    private Outcome(MailAddress recipient, Kind kind, String reply, Optional<Instant> nextAttempt) {
        this.recipient = recipient;
        this.kind = kind;
        this.reply = reply;
        this.nextAttempt = nextAttempt;
    }

    public static Outcome delivered(MailAddress recipient, String reply) {
        return new Outcome(recipient, Kind.DELIVERED, reply, Optional.empty());
    }

    public static Outcome deferred(MailAddress recipient, String reply, Instant nextAttempt) {
        return new Outcome(recipient, Kind.DEFERRED, reply, Optional.of(nextAttempt));
    }

    public static Outcome failed(MailAddress recipient, String reply) {
        return new Outcome(recipient, Kind.FAILED, reply, Optional.empty());
    }

    public MailAddress recipient() {
        return recipient;
    }

    public Kind kind() {
        return kind;
    }

    public String reply() {
        return reply;
    }

    public Optional<Instant> nextAttempt() {
        return nextAttempt;
    }

    @Override
    public String toString() {
        return recipient + " " + kind + " " + reply;
    }
}
