package org.mxsuite.embedded.jpa;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.Flags;
import javax.persistence.EntityManager;

import org.apache.james.events.Event;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.events.MailboxEvents.Added;
import org.apache.james.mailbox.events.MailboxEvents.Expunged;
import org.apache.james.mailbox.events.MailboxEvents.FlagsUpdated;
import org.apache.james.mailbox.events.MailboxEvents.MailboxDeletion;
import org.apache.james.mailbox.events.MailboxEvents.MailboxEvent;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.jpa.JPATransactionalMapper;
import org.apache.james.mailbox.jpa.mail.model.JPAMailbox;
import org.apache.james.mailbox.lucene.search.LuceneMessageSearchIndex;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.MessageMapper.FetchType;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.store.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * James's Lucene index of the mailboxes, changed in four ways that make delivery cheaper and keep SEARCH right:
 * <ul>
 * <li>the index learns of changes on a thread of its own ({@link IndexingQueue}): storing a message or a SELECT
 *     does not wait for Lucene, and a SEARCH waits until the index holds every change made before it;</li>
 * <li>\Recent is not indexed: James answers SEARCH RECENT and NOT RECENT from the session's recent messages
 *     anyway, and every SELECT that cleared \Recent rewrote the index once per message;</li>
 * <li>the terms come from one reused analyzer chain per thread ({@link SearchTermAnalyzer});</li>
 * <li>a message indexed twice is there once: once a rebuild or a retried update may have indexed a message already
 *     (after a crash, SearchIndexKeeper's rebuild runs while new mail arrives), each addition first removes what
 *     the index holds for that message, which costs a lookup per message and so is not done before.</li>
 * </ul>
 */
public final class LuceneMailboxIndex extends LuceneMessageSearchIndex {
    private static final Logger LOGGER = LoggerFactory.getLogger(LuceneMailboxIndex.class);
    /** Changes that may wait for the index before whoever hands one over waits for room. */
    public static final String BACKLOG_PROPERTY = "mxsuite.search.backlog";
    private static final int BACKLOG = 5000;
    private static final Duration SEARCH_WAIT = Duration.ofSeconds(30);
    private static final int ATTEMPTS = 3;
    private static final int RECENT_MAILBOXES = 1000;

    private final MailboxSessionMapperFactory mappers;
    private final SessionProvider sessions;
    private final IndexingQueue updates = new IndexingQueue("mxsuite-search-indexer", Integer.getInteger(BACKLOG_PROPERTY, BACKLOG));
    /** The same message is indexed by one thread at a time, so that one's removal cannot pass the other's addition. */
    private final Object[] locks = new Object[64];
    private volatile boolean maybeIndexedTwice;
    /** The mailboxes new mail was indexed in lately, by id (only the indexer's thread reads and writes it). */
    private final Map<MailboxId, Mailbox> recentMailboxes = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<MailboxId, Mailbox> eldest) {
            return size() > RECENT_MAILBOXES;
        }
    };

    @Inject
    public LuceneMailboxIndex(MailboxSessionMapperFactory mappers, MailboxId.Factory mailboxIdFactory, Directory directory,
                              MessageId.Factory messageIdFactory, SessionProvider sessions) throws IOException {
        super(mappers, mailboxIdFactory, directory, false, true, messageIdFactory, sessions);
        this.mappers = mappers;
        this.sessions = sessions;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    @Override
    protected Analyzer createAnalyzer(boolean lenient) {
        return new SearchTermAnalyzer();
    }

    @Override
    public Mono<Void> reactiveEvent(Event event) {
        return Mono.fromRunnable(() -> updates.hand(() -> applyWithRetries((MailboxEvent) event)));
    }

    private void applyWithRetries(MailboxEvent event) {
        for (int attempt = 1; ; attempt++) {
            try {
                apply(event);
                return;
            } catch (RuntimeException e) {
                // a failed addition may have written part of a message: the next ones check for copies
                maybeIndexedTwice = true;
                if (attempt == ATTEMPTS) {
                    LOGGER.error("the search index missed {} of {} after {} attempts; POST /mailboxes?task=reIndex rebuilds it",
                        event.getClass().getSimpleName(), event.getMailboxId().serialize(), ATTEMPTS, e);
                    return;
                }
                LOGGER.warn("cannot update the search index, trying again", e);
            }
        }
    }

    private void apply(MailboxEvent event) {
        MailboxSession session = sessions.createSystemSession(event.getUsername());
        try {
            changes(event, session).block();
        } finally {
            mappers.endProcessingRequest(session);
        }
    }

    private Mono<Void> changes(MailboxEvent event, MailboxSession session) {
        MailboxId mailboxId = event.getMailboxId();
        if (event instanceof Added) {
            return Mono.fromRunnable(() -> indexAdded(session, mailboxId, ((Added) event).getUids()));
        } else if (event instanceof Expunged) {
            return delete(session, mailboxId, ((Expunged) event).getUids());
        } else if (event instanceof FlagsUpdated) {
            List<UpdatedFlags> changed = withoutRecent(((FlagsUpdated) event).getUpdatedFlags());
            return changed.isEmpty() ? Mono.empty() : update(session, mailboxId, changed);
        } else if (event instanceof MailboxDeletion) {
            recentMailboxes.remove(mailboxId);
            return deleteAll(session, mailboxId);
        }
        return Mono.empty();
    }

    /**
     * Reads the added messages on this thread, with the mappers' blocking methods. Their reactive ones run on
     * Reactor's boundedElastic workers, and the listeners that hand events over run there too: with the queue full,
     * they wait for room while the read the indexer waits for sits behind them on the same worker, and delivery stops
     * for good (seen at 8334 of 10,000 messages of bench/mailbox-delivery.sh).
     */
    private void indexAdded(MailboxSession session, MailboxId mailboxId, Collection<MessageUid> uids) {
        Optional<Mailbox> mailbox = storedMailbox(session, mailboxId);
        if (mailbox.isEmpty()) {
            return; // deleted since: its messages are gone with it
        }
        try {
            for (MessageRange range : MessageRange.toRanges(uids)) {
                Iterator<MailboxMessage> messages = mappers.getMessageMapper(session).findInMailbox(mailbox.get(), range, FetchType.FULL, UNLIMITED);
                while (messages.hasNext()) {
                    index(session, mailbox.get(), messages.next(), maybeIndexedTwice);
                }
            }
        } catch (MailboxException e) {
            throw new IllegalStateException("cannot read the messages to index in " + mailboxId.serialize(), e);
        }
    }

    /** Only the mailbox's id is read from it (the mappers read messages by mailbox id): a renamed one serves as well. */
    private Optional<Mailbox> storedMailbox(MailboxSession session, MailboxId mailboxId) {
        Mailbox known = recentMailboxes.get(mailboxId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Mailbox> stored = readMailbox(session, mailboxId);
        stored.ifPresent(mailbox -> recentMailboxes.put(mailboxId, mailbox));
        return stored;
    }

    private Optional<Mailbox> readMailbox(MailboxSession session, MailboxId mailboxId) {
        EntityManager entityManager = ((JPATransactionalMapper) mappers.getMailboxMapper(session)).getEntityManager();
        return entityManager.createNamedQuery("findMailboxById", JPAMailbox.class)
            .setParameter("idParam", ((JPAId) mailboxId).getRawId())
            .getResultList().stream()
            .findFirst()
            .map(JPAMailbox::toMailbox);
    }

    /** Called by James's re-indexing (the rebuild after a crash, POST /mailboxes?task=reIndex), not by events. */
    @Override
    public Mono<Void> add(MailboxSession session, Mailbox mailbox, MailboxMessage message) {
        return Mono.fromRunnable(() -> {
            maybeIndexedTwice = true;
            index(session, mailbox, message, true);
        });
    }

    private void index(MailboxSession session, Mailbox mailbox, MailboxMessage message, boolean replace) {
        synchronized (locks[Math.floorMod(31 * mailbox.getMailboxId().hashCode() + message.getUid().hashCode(), locks.length)]) {
            try {
                if (replace) {
                    delete(mailbox.getMailboxId(), MessageRange.one(message.getUid()));
                }
                super.add(session, mailbox, withoutRecent(message)).block();
            } catch (IOException | MailboxException e) {
                throw new IllegalStateException("cannot index message " + message.getUid() + " of " + mailbox.getMailboxId().serialize(), e);
            }
        }
    }

    @Override
    public Flux<MessageUid> doSearch(MailboxSession session, Mailbox mailbox, SearchQuery searchQuery) throws MailboxException {
        awaitIndexedSoFar();
        return super.doSearch(session, mailbox, searchQuery);
    }

    @Override
    public Flux<MessageId> search(MailboxSession session, Collection<MailboxId> mailboxIds, SearchQuery searchQuery, long limit) throws MailboxException {
        awaitIndexedSoFar();
        return super.search(session, mailboxIds, searchQuery, limit);
    }

    @Override
    public Mono<Flags> retrieveIndexedFlags(Mailbox mailbox, MessageUid uid) {
        return Mono.fromRunnable(this::awaitIndexedSoFar).then(super.retrieveIndexedFlags(mailbox, uid));
    }

    private void awaitIndexedSoFar() {
        try {
            if (!updates.awaitUpdatesSoFar(SEARCH_WAIT)) {
                LOGGER.warn("search index {} updates behind after {}: searching what it holds", updates.waiting(), SEARCH_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Applies the updates handed over so far (within the limit) and takes no more; false if some were left. */
    boolean finishUpdates(Duration limit) throws InterruptedException {
        return updates.close(limit);
    }

    private static MailboxMessage withoutRecent(MailboxMessage message) throws MailboxException {
        if (!message.isRecent()) {
            return message;
        }
        Flags flags = message.createFlags();
        flags.remove(Flags.Flag.RECENT);
        return SimpleMailboxMessage.from(message)
            .flags(flags)
            .mailboxId(message.getMailboxId())
            .uid(message.getUid())
            .modseq(message.getModSeq())
            .build();
    }

    /** The flag changes without \Recent; a change of \Recent alone is left out. */
    static List<UpdatedFlags> withoutRecent(List<UpdatedFlags> changes) {
        return changes.stream()
            .map(change -> UpdatedFlags.builder()
                .uid(change.getUid())
                .messageId(change.getMessageId())
                .modSeq(change.getModSeq())
                .oldFlags(withoutRecent(change.getOldFlags()))
                .newFlags(withoutRecent(change.getNewFlags()))
                .build())
            .filter(UpdatedFlags::flagsChanged)
            .collect(Collectors.toList());
    }

    private static Flags withoutRecent(Flags flags) {
        Flags copy = new Flags(flags);
        copy.remove(Flags.Flag.RECENT);
        return copy;
    }
}
