package org.mxsuite.embedded.jpa;

import java.io.IOException;
import java.util.concurrent.CompletionException;

import javax.inject.Inject;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.lucene.search.LuceneMessageSearchIndex;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.lucene.store.Directory;

import reactor.core.publisher.Mono;

/**
 * James's Lucene index, where indexing a message that is indexed already replaces it instead of adding a second
 * copy. James adds a document per event; after a crash the rebuild (SearchIndexKeeper) and the events of mail
 * delivered meanwhile may both index the same message, and a SEARCH then names it twice ("* SEARCH 17 17").
 */
public final class LuceneIndexWithoutDuplicates extends LuceneMessageSearchIndex {
    /** The same message is indexed by one thread at a time, so that one's removal cannot pass the other's addition. */
    private final Object[] locks = new Object[64];

    @Inject
    public LuceneIndexWithoutDuplicates(MailboxSessionMapperFactory factory, MailboxId.Factory mailboxIdFactory, Directory directory,
                                        MessageId.Factory messageIdFactory, SessionProvider sessionProvider) throws IOException {
        super(factory, mailboxIdFactory, directory, messageIdFactory, sessionProvider);
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    @Override
    public Mono<Void> add(MailboxSession session, Mailbox mailbox, MailboxMessage message) {
        return Mono.fromRunnable(() -> {
            synchronized (locks[Math.floorMod(31 * mailbox.getMailboxId().hashCode() + message.getUid().hashCode(), locks.length)]) {
                try {
                    delete(mailbox.getMailboxId(), MessageRange.one(message.getUid()));
                    // James's add does its work when subscribed, on this thread: nothing waits here
                    super.add(session, mailbox, message).toFuture().join();
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }
        });
    }
}
