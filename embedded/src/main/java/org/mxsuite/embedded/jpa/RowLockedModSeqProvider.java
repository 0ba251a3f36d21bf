package org.mxsuite.embedded.jpa;

import javax.inject.Inject;
import javax.persistence.EntityManagerFactory;

import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.jpa.mail.JPAModSeqProvider;
import org.apache.james.mailbox.jpa.mail.model.JPAMailbox;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;

/** James's JPA mod-sequence provider, its next value taken under a row lock ({@link MailboxRowCounter}). */
public class RowLockedModSeqProvider extends JPAModSeqProvider {
    private final MailboxRowCounter counter;

    @Inject
    public RowLockedModSeqProvider(EntityManagerFactory factory) {
        super(factory);
        this.counter = new MailboxRowCounter(factory);
    }

    @Override
    public ModSeq nextModSeq(Mailbox mailbox) throws MailboxException {
        return nextModSeq(mailbox.getMailboxId());
    }

    @Override
    public ModSeq nextModSeq(MailboxId mailboxId) throws MailboxException {
        return ModSeq.of(counter.next(mailboxId, JPAMailbox::consumeModSeq, "mod-sequence"));
    }
}
