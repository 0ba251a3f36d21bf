package org.mxsuite.hold;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.MailAddress;

/** A recipient of a held message that is still to be delivered, with its delivery history. */
public final class HeldRecipient {
    private final MailAddress address;
    private final int attempts;
    private final Optional<String> lastReply;
    private final Instant nextAttempt;

    public HeldRecipient(MailAddress address, int attempts, Optional<String> lastReply, Instant nextAttempt) {
        this.address = address;
        this.attempts = attempts;
        this.lastReply = lastReply;
        this.nextAttempt = nextAttempt;
    }

    public MailAddress address() {
        return address;
    }

    public int attempts() {
        return attempts;
    }

    public Optional<String> lastReply() {
        return lastReply;
    }

    public Instant nextAttempt() {
        return nextAttempt;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HeldRecipient)) {
            return false;
        }
        HeldRecipient that = (HeldRecipient) o;
        return attempts == that.attempts && address.equals(that.address) && lastReply.equals(that.lastReply)
            && nextAttempt.equals(that.nextAttempt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, attempts, lastReply, nextAttempt);
    }

    @Override
    public String toString() {
        return address + " (attempts " + attempts + ", next " + nextAttempt + lastReply.map(reply -> ", last " + reply).orElse("") + ")";
    }
}
