package org.mxsuite.embedded.jpa;

import javax.inject.Inject;
import javax.persistence.EntityManagerFactory;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.jpa.mail.JPAUidProvider;
import org.apache.james.mailbox.jpa.mail.model.JPAMailbox;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;

/** James's JPA UID provider, its next UID taken under a row lock ({@link MailboxRowCounter}). */
public class RowLockedUidProvider extends JPAUidProvider {
    private final MailboxRowCounter counter;

    @Inject
    public RowLockedUidProvider(EntityManagerFactory factory) {
        super(factory);
        this.counter = new MailboxRowCounter(factory);
    }

    @Override
    public MessageUid nextUid(Mailbox mailbox) throws MailboxException {
        return nextUid(mailbox.getMailboxId());
    }

    @Override
    public MessageUid nextUid(MailboxId mailboxId) throws MailboxException {
        return MessageUid.of(counter.next(mailboxId, JPAMailbox::consumeUid, "UID"));
    }
}
