package org.mxsuite.verify;

import java.util.Objects;

/**
 * What verification says of a recipient at RCPT: the customer's server accepts it, refuses it (with its reply), or
 * nobody knows (the server did not answer in time, answered 4xx, or is down), in which case the mail is accepted and
 * held, since a backup MX must keep working while the primary is down.
 */
public final class RecipientVerdict {
    /** The three answers. */
    public enum Kind {
        ACCEPTED, REFUSED, UNKNOWN
    }

    private final Kind kind;
    private final String reply;
    private final boolean remembered;

    private RecipientVerdict(Kind kind, String reply, boolean remembered) {
        this.kind = Objects.requireNonNull(kind);
        this.reply = Objects.requireNonNull(reply);
        this.remembered = remembered;
    }

    /** The verdict of an answer, either just received or remembered. */
    static RecipientVerdict of(VerifiedRecipient answer, boolean remembered) {
        return new RecipientVerdict(answer.accepted() ? Kind.ACCEPTED : Kind.REFUSED, answer.reply(), remembered);
    }

    static RecipientVerdict unknown(String why) {
        return new RecipientVerdict(Kind.UNKNOWN, why, false);
    }

    public Kind kind() {
        return kind;
    }

    /** The server's reply (code first), or why nothing is known. */
    public String reply() {
        return reply;
    }

    /** Whether it came from what was remembered rather than from asking the server now. */
    public boolean remembered() {
        return remembered;
    }

    @Override
    public String toString() {
        return kind + (remembered ? " (remembered)" : "") + ": " + reply;
    }
}
