package org.mxsuite.hold;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.mxsuite.domain.DomainName;

/**
 * {@link HoldQueue} in this process's memory, for tests of what holds and delivers mail. Unlike the durable stores it
 * keeps each content whole in memory and loses everything at a restart. One lock: each call is as atomic as a
 * transaction of {@link JdbcHoldQueue}, so two claims never share a message.
 */
public final class MemoryHoldQueue implements HoldQueue {
    /** As {@link JdbcHoldQueue} keeps them: a reply longer than this is cut. */
    private static final int MAX_REPLY_LENGTH = 1000;
    private static final Comparator<Held> OLDEST_FIRST = Comparator.comparing((Held held) -> held.receivedAt)
        .thenComparing(held -> held.id.asString());

    private final Clock clock;
    private final Map<HeldMessageId, Held> messages = new HashMap<>();
    /** By hand-off and domain ({@link #handOffKey}). */
    private final Map<String, HandedOver> handOffs = new HashMap<>();

    public MemoryHoldQueue(Clock clock) {
        this.clock = clock;
    }

    public MemoryHoldQueue() {
        this(Clock.systemUTC());
    }

    /** One held message and what delivery knows of it. */
    private static final class Held {
        final HeldMessageId id;
        final DomainName domain;
        final MaybeSender sender;
        final Origin origin;
        final byte[] content;
        final Instant receivedAt;
        /** by address, in the order the JDBC store lists them */
        final TreeMap<String, HeldRecipient> recipients = new TreeMap<>();
        boolean delayWarned;
        String leaseOwner;
        Instant leaseUntil;

        Held(HeldMessageId id, DomainName domain, MaybeSender sender, Origin origin, byte[] content, Instant receivedAt) {
            this.id = id;
            this.domain = domain;
            this.sender = sender;
            this.origin = origin;
            this.content = content;
            this.receivedAt = receivedAt;
        }

        boolean leasedAt(Instant now) {
            return leaseUntil != null && !leaseUntil.isBefore(now);
        }

        boolean dueAt(Instant now) {
            return recipients.values().stream().anyMatch(recipient -> !recipient.nextAttempt().isAfter(now));
        }

        HeldMessage view(Predicate<HeldRecipient> shown) {
            List<HeldRecipient> listed = recipients.values().stream().filter(shown).collect(Collectors.toList());
            return new HeldMessage(id, domain, sender, content.length, receivedAt, delayWarned, listed);
        }

        HeldMessage view() {
            return view(recipient -> true);
        }
    }

    private static final class HandedOver {
        final HeldMessageId id;
        final Instant at;

        HandedOver(HeldMessageId id, Instant at) {
            this.id = id;
            this.at = at;
        }
    }

    @Override
    public HeldMessageId hold(DomainName domain, MaybeSender sender, Collection<MailAddress> recipients, Origin origin,
                              InputStream content) throws IOException {
        return hold(Optional.empty(), domain, sender, recipients, origin, content);
    }

    @Override
    public HeldMessageId hold(HandOff handOff, DomainName domain, MaybeSender sender, Collection<MailAddress> recipients,
                              Origin origin, InputStream content) throws IOException {
        return hold(Optional.of(handOff), domain, sender, recipients, origin, content);
    }

    private HeldMessageId hold(Optional<HandOff> handOff, DomainName domain, MaybeSender sender, Collection<MailAddress> recipients,
                               Origin origin, InputStream content) throws IOException {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a held message needs recipients");
        }
        // read outside the lock: a slow sender must not stop the other callers
        byte[] bytes = content.readAllBytes();
        synchronized (this) {
            Instant now = clock.instant();
            HeldMessageId id = HeldMessageId.next(clock);
            if (handOff.isPresent()) {
                String key = handOffKey(handOff.get(), domain);
                if (handOffs.containsKey(key)) {
                    throw new IllegalStateException(handOff.get() + " is held already for " + domain);
                }
                handOffs.put(key, new HandedOver(id, now));
            }
            Held held = new Held(id, domain, sender, origin, bytes, now);
            for (MailAddress recipient : recipients) {
                held.recipients.putIfAbsent(recipient.asString(), new HeldRecipient(recipient, 0, Optional.empty(), now));
            }
            messages.put(id, held);
            return id;
        }
    }

    @Override
    public synchronized Optional<HeldMessageId> heldAs(HandOff handOff, DomainName domain) {
        return Optional.ofNullable(handOffs.get(handOffKey(handOff, domain))).map(handedOver -> handedOver.id);
    }

    @Override
    public synchronized int forgetHandOffs(Instant before) {
        int count = handOffs.size();
        handOffs.values().removeIf(handedOver -> handedOver.at.isBefore(before));
        return count - handOffs.size();
    }

    @Override
    public synchronized Optional<Origin> origin(HeldMessageId id) {
        return Optional.ofNullable(messages.get(id)).map(held -> held.origin);
    }

    @Override
    public synchronized QueueUsage usage(DomainName domain) {
        return usageByDomain().getOrDefault(domain, QueueUsage.EMPTY);
    }

    @Override
    public synchronized Map<DomainName, QueueUsage> usageByDomain() {
        Map<DomainName, QueueUsage> usage = new LinkedHashMap<>();
        for (Held held : messages.values()) {
            usage.merge(held.domain, new QueueUsage(1, held.content.length), QueueUsage::plus);
        }
        return usage;
    }

    @Override
    public synchronized Optional<HeldMessage> get(HeldMessageId id) {
        return Optional.ofNullable(messages.get(id)).map(Held::view);
    }

    @Override
    public synchronized List<HeldMessage> list(DomainName domain, int offset, int limit) {
        return oldestOf(domain, held -> true).stream().skip(offset).limit(limit).map(Held::view).collect(Collectors.toList());
    }

    @Override
    public synchronized Map<DomainName, Instant> dueTimes() {
        Map<DomainName, Instant> due = new LinkedHashMap<>();
        for (Held held : messages.values()) {
            for (HeldRecipient recipient : held.recipients.values()) {
                due.merge(held.domain, recipient.nextAttempt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return due;
    }

    @Override
    public synchronized List<HeldMessage> claim(DomainName domain, Instant now, int limit, String owner, Duration lease) {
        List<HeldMessage> claimed = new ArrayList<>();
        for (Held held : oldestOf(domain, held -> !held.leasedAt(now) && held.dueAt(now))) {
            if (claimed.size() == limit) {
                break;
            }
            lease(held, now, owner, lease);
            claimed.add(held.view(recipient -> !recipient.nextAttempt().isAfter(now)));
        }
        return claimed;
    }

    @Override
    public synchronized boolean claimMessage(HeldMessageId id, Instant now, String owner, Duration lease) {
        Held held = messages.get(id);
        if (held == null || held.leasedAt(now)) {
            return false;
        }
        lease(held, now, owner, lease);
        return true;
    }

    private static void lease(Held held, Instant now, String owner, Duration lease) {
        held.leaseOwner = owner;
        held.leaseUntil = now.plus(lease);
    }

    @Override
    public <T> T readContent(HeldMessageId id, ContentReader<T> reader) throws IOException {
        byte[] content;
        synchronized (this) {
            Held held = messages.get(id);
            if (held == null) {
                throw new IOException("held message " + id + " is no longer held");
            }
            content = held.content;
        }
        try (InputStream in = new ByteArrayInputStream(content)) {
            return reader.read(in);
        }
    }

    @Override
    public synchronized boolean record(HeldMessageId id, List<Outcome> outcomes) {
        Held held = messages.get(id);
        if (held == null) {
            return false;
        }
        for (Outcome outcome : outcomes) {
            String address = outcome.recipient().asString();
            if (outcome.kind() == Outcome.Kind.DEFERRED) {
                held.recipients.computeIfPresent(address, (key, recipient) -> new HeldRecipient(recipient.address(),
                    recipient.attempts() + 1, Optional.of(truncate(outcome.reply())), outcome.nextAttempt().orElseThrow()));
            } else {
                held.recipients.remove(address);
            }
        }
        return releaseOrDrop(held);
    }

    @Override
    public synchronized int renewLeases(String owner, Collection<HeldMessageId> ids, Instant now, Duration lease) {
        int renewed = 0;
        for (HeldMessageId id : ids) {
            Held held = messages.get(id);
            if (held != null && owner.equals(held.leaseOwner)) {
                held.leaseUntil = now.plus(lease);
                renewed++;
            }
        }
        return renewed;
    }

    @Override
    public synchronized void release(HeldMessageId id) {
        Optional.ofNullable(messages.get(id)).ifPresent(this::releaseOrDrop);
    }

    /** True when the message had no recipient left and was dropped. */
    private boolean releaseOrDrop(Held held) {
        if (held.recipients.isEmpty()) {
            messages.remove(held.id);
            return true;
        }
        held.leaseOwner = null;
        held.leaseUntil = null;
        return false;
    }

    @Override
    public synchronized int flush(DomainName domain, Instant now) {
        List<Held> held = oldestOf(domain, message -> true);
        for (Held message : held) {
            message.recipients.replaceAll((address, recipient) -> recipient.nextAttempt().isAfter(now)
                ? new HeldRecipient(recipient.address(), recipient.attempts(), recipient.lastReply(), now) : recipient);
        }
        return held.size();
    }

    @Override
    public synchronized List<HeldMessage> receivedBefore(DomainName domain, Instant instant, int limit) {
        return oldestOf(domain, held -> held.receivedAt.isBefore(instant)).stream().limit(limit)
            .map(Held::view).collect(Collectors.toList());
    }

    @Override
    public synchronized List<HeldMessage> awaitingDelayWarning(DomainName domain, Instant receivedBefore, int limit) {
        return oldestOf(domain, held -> held.receivedAt.isBefore(receivedBefore) && !held.delayWarned).stream().limit(limit)
            .map(Held::view).collect(Collectors.toList());
    }

    @Override
    public synchronized void markDelayWarned(HeldMessageId id) {
        Optional.ofNullable(messages.get(id)).ifPresent(held -> held.delayWarned = true);
    }

    @Override
    public synchronized Optional<HeldMessage> remove(HeldMessageId id) {
        return Optional.ofNullable(messages.remove(id)).map(Held::view);
    }

    /** The domain's messages that meet {@code condition}, oldest first (ties by id, as the JDBC store orders them). */
    private List<Held> oldestOf(DomainName domain, Predicate<Held> condition) {
        return messages.values().stream().filter(held -> held.domain.equals(domain)).filter(condition)
            .sorted(OLDEST_FIRST).collect(Collectors.toList());
    }

    /** One mail hands over to several domains; a domain name has no space. */
    private static String handOffKey(HandOff handOff, DomainName domain) {
        return handOff.key() + " " + domain.asString();
    }

    private static String truncate(String reply) {
        return reply.length() <= MAX_REPLY_LENGTH ? reply : reply.substring(0, MAX_REPLY_LENGTH);
    }
}
