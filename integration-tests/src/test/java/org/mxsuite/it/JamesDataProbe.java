package org.mxsuite.it;

import javax.inject.Inject;
import javax.inject.Named;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.utils.GuiceProbe;

/** James's mailboxes and users of the in-process server, for a test that drives one of the suite's mailets directly. */
public class JamesDataProbe implements GuiceProbe {
    private final MailboxManager mailboxes;
    private final UsersRepository users;

    @Inject
    public JamesDataProbe(@Named("mailboxmanager") MailboxManager mailboxes, UsersRepository users) {
        this.mailboxes = mailboxes;
        this.users = users;
    }

    public MailboxManager mailboxes() {
        return mailboxes;
    }

    public UsersRepository users() {
        return users;
    }
}
