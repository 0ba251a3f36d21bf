package org.mxsuite.it.support;

import javax.inject.Inject;
import javax.inject.Named;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.search.ListeningMessageSearchIndex;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.utils.GuiceProbe;

/**
 * James's mailboxes, users and search index of the in-process server, for a test that drives one of the suite's
 * mailets or James's index directly.
 */
public class JamesDataProbe implements GuiceProbe {
    private final MailboxManager mailboxes;
    private final UsersRepository users;
    private final MailboxSessionMapperFactory mappers;
    private final ListeningMessageSearchIndex searchIndex;

    @Inject
    public JamesDataProbe(@Named("mailboxmanager") MailboxManager mailboxes, UsersRepository users,
                          MailboxSessionMapperFactory mappers, ListeningMessageSearchIndex searchIndex) {
        this.mailboxes = mailboxes;
        this.users = users;
        this.mappers = mappers;
        this.searchIndex = searchIndex;
    }

    public MailboxSessionMapperFactory mappers() {
        return mappers;
    }

    public ListeningMessageSearchIndex searchIndex() {
        return searchIndex;
    }

    public MailboxManager mailboxes() {
        return mailboxes;
    }

    public UsersRepository users() {
        return users;
    }
}
