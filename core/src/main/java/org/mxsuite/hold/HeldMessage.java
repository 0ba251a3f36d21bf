package org.mxsuite.hold;

import java.time.Instant;
import java.util.List;

import org.apache.james.core.MaybeSender;
import org.mxsuite.domain.DomainName;

/** A message held for one hosted domain: its envelope and the recipients still to deliver (not its content). */
public final class HeldMessage {
    private final HeldMessageId id;
    private final DomainName domain;
    private final MaybeSender sender;
    private final long size;
    private final Instant receivedAt;
    private final boolean delayWarned;
    private final List<HeldRecipient> recipients;

    public HeldMessage(HeldMessageId id, DomainName domain, MaybeSender sender, long size, Instant receivedAt,
                       boolean delayWarned, List<HeldRecipient> recipients) {
        this.id = id;
        this.domain = domain;
        this.sender = sender;
        this.size = size;
        this.receivedAt = receivedAt;
        this.delayWarned = delayWarned;
        this.recipients = List.copyOf(recipients);
    }

    public HeldMessageId id() {
        return id;
    }

    public DomainName domain() {
        return domain;
    }

    public MaybeSender sender() {
        return sender;
    }

    public long size() {
        return size;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    /** Whether the sender was already told that delivery is delayed. */
    public boolean delayWarned() {
        return delayWarned;
    }

    public List<HeldRecipient> recipients() {
        return recipients;
    }

    /** Most attempts made for any recipient. */
    public int attempts() {
        return recipients.stream().mapToInt(HeldRecipient::attempts).max().orElse(0);
    }

    @Override
    public String toString() {
        return id + " for " + domain + " from " + sender.asString() + " " + recipients;
    }
}
