package org.mxsuite.hold;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.mxsuite.domain.DomainName;

/**
 * The durable queue between acceptance and delivery (Postfix's queue directory): what is in it was acknowledged
 * to a sender and is never lost. Several James nodes may share one; a message is delivered by one node at a time
 * (it is claimed with a lease that expires if the node dies). Implementations pass {@code HoldQueueContract}.
 */
public interface HoldQueue {
    @FunctionalInterface
    interface ContentReader<T> {
        T read(InputStream content) throws IOException;
    }

    /**
     * Holds a message for the given recipients (all of {@code domain}), due for delivery at once.
     * The content is streamed into the store, never held whole in memory; its size is counted on the way.
     */
    HeldMessageId hold(DomainName domain, MaybeSender sender, Collection<MailAddress> recipients, Origin origin,
                       InputStream content) throws IOException;

    /** As {@link #hold(DomainName, MaybeSender, Collection, Origin, InputStream)}, from a {@link Origin#TRUSTED} origin. */
    default HeldMessageId hold(DomainName domain, MaybeSender sender, Collection<MailAddress> recipients, InputStream content)
        throws IOException {
        return hold(domain, sender, recipients, Origin.TRUSTED, content);
    }

    /**
     * Holds what James's spool hands over for {@code domain}, and remembers the hand-off with the message, in one
     * transaction: after a crash James's spool hands the same mail over again, and {@link #heldAs} then tells that it
     * is held already. A second hold of the same hand-off fails.
     */
    HeldMessageId hold(HandOff handOff, DomainName domain, MaybeSender sender, Collection<MailAddress> recipients,
                       Origin origin, InputStream content) throws IOException;

    /**
     * As {@link #hold(HandOff, DomainName, MaybeSender, Collection, Origin, InputStream)}, the content being in a spool
     * file of the embedded server (durable, never changed again). A store that keeps content as files on the same file
     * system links the file instead of writing the body again; the others copy it. An {@link IOException} if the file
     * is not a whole spooled content of that length.
     */
    default HeldMessageId holdSpooled(HandOff handOff, DomainName domain, MaybeSender sender, Collection<MailAddress> recipients,
                                      Origin origin, SpoolFileContent content) throws IOException {
        try (InputStream in = content.open()) {
            return hold(handOff, domain, sender, recipients, origin, in);
        }
    }

    /**
     * The message a hand-off was held as for {@code domain}, whether or not it is still held (delivered since), for
     * as long as the hand-off is remembered ({@link #forgetHandOffs}).
     */
    Optional<HeldMessageId> heldAs(HandOff handOff, DomainName domain);

    /** Forgets the hand-offs made before {@code instant}; returns how many. */
    int forgetHandOffs(Instant before);

    /** Who gave us the message ({@link Origin#TRUSTED} for one held before origins were kept); empty if not held. */
    Optional<Origin> origin(HeldMessageId id);

    QueueUsage usage(DomainName domain);

    /** What every domain that holds mail holds: one count for caps that span domains. */
    Map<DomainName, QueueUsage> usageByDomain();

    Optional<HeldMessage> get(HeldMessageId id);

    /** Held messages of a domain, oldest first. */
    List<HeldMessage> list(DomainName domain, int offset, int limit);

    /** Every domain that holds mail, with the earliest time one of its recipients is due. */
    Map<DomainName, Instant> dueTimes();

    /**
     * Claims up to {@code limit} messages of the domain that have a recipient due at {@code now} and no live lease,
     * for {@code lease}; only their due recipients are returned.
     */
    List<HeldMessage> claim(DomainName domain, Instant now, int limit, String owner, Duration lease);

    /**
     * Claims one message, whatever its recipients' due times, unless another lease on it lives; true when
     * {@code owner} now holds it. What is done to a message outside a delivery (expiry, a delay warning, an
     * administrator's drop) takes it first, so that it never happens under a delivery in progress, nor twice.
     */
    boolean claimMessage(HeldMessageId id, Instant now, String owner, Duration lease);

    /** Streams a held message's content to {@code reader}. */
    <T> T readContent(HeldMessageId id, ContentReader<T> reader) throws IOException;

    /**
     * Records the outcome of an attempt for some recipients and releases the lease; a message with no recipient
     * left leaves the queue, and then this returns true.
     */
    boolean record(HeldMessageId id, List<Outcome> outcomes);

    /**
     * As {@link #record}, but it may return before the outcome is safe: {@link #written()} says when it survives a
     * crash of the process. The delivery loop sends the next message meanwhile instead of waiting after every message.
     */
    default boolean recordUnsynced(HeldMessageId id, List<Outcome> outcomes) {
        return record(id, outcomes);
    }

    /**
     * Completes once everything recorded before this call survives a crash of this process; a crash of the machine
     * may still undo it until the store syncs (soon after), and then a delivered message is delivered again: a
     * duplicate, never a loss (Postfix does not sync the removal of a delivered queue file either).
     */
    default CompletableFuture<Void> written() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Extends the leases {@code owner} holds on these messages to {@code now + lease}; returns how many. A node
     * renews the leases of what it is delivering, so that they can be short: those of a node that dies expire soon
     * after, and another node takes over.
     */
    int renewLeases(String owner, Collection<HeldMessageId> ids, Instant now, Duration lease);

    /** Releases a lease without recording anything (the node stops, the destination went away). */
    void release(HeldMessageId id);

    /** Makes every recipient of the domain due at {@code now}; returns how many messages that concerns. */
    int flush(DomainName domain, Instant now);

    /** Messages of the domain received before {@code instant}, oldest first (retention). */
    List<HeldMessage> receivedBefore(DomainName domain, Instant instant, int limit);

    /** Messages of the domain received before {@code instant} whose sender was not yet told of the delay. */
    List<HeldMessage> awaitingDelayWarning(DomainName domain, Instant receivedBefore, int limit);

    void markDelayWarned(HeldMessageId id);

    /** Drops a message; returns it (envelope) if it was held. */
    Optional<HeldMessage> remove(HeldMessageId id);
}
