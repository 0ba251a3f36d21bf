package org.mxsuite.embedded.jpa;

import java.util.function.ToLongFunction;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import javax.persistence.PersistenceException;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.jpa.mail.model.JPAMailbox;
import org.apache.james.mailbox.model.MailboxId;

/**
 * Takes the next value of a mailbox's counter (last UID, highest mod-sequence) under a row lock. James's JPA providers
 * read the mailbox row and write it back without one: within a node its mailbox path lock serialises appends, but two
 * nodes sharing one PostgreSQL database would both read 41 and give two messages UID 42.
 */
final class MailboxRowCounter {
    private final EntityManagerFactory factory;

    MailboxRowCounter(EntityManagerFactory factory) {
        this.factory = factory;
    }

    long next(MailboxId mailboxId, ToLongFunction<JPAMailbox> consume, String what) throws MailboxException {
        EntityManager manager = factory.createEntityManager();
        try {
            manager.getTransaction().begin();
            JPAMailbox mailbox = manager.find(JPAMailbox.class, ((JPAId) mailboxId).getRawId(), LockModeType.PESSIMISTIC_WRITE);
            if (mailbox == null) {
                throw new MailboxException("mailbox " + mailboxId.serialize() + " does not exist");
            }
            long value = consume.applyAsLong(mailbox);
            manager.getTransaction().commit();
            return value;
        } catch (PersistenceException e) {
            throw new MailboxException("cannot take the next " + what + " of mailbox " + mailboxId.serialize(), e);
        } finally {
            if (manager.getTransaction().isActive()) {
                manager.getTransaction().rollback();
            }
            manager.close();
        }
    }
}
