package org.mxsuite.domain;

import javax.inject.Inject;

import org.apache.james.utils.UserDefinedStartable;

/**
 * At boot ({@code guice.extension.startable}, after the state store), makes every {@code mailbox} domain of the
 * registry one of James's domains again: James's memory product keeps its domain list in memory only, and a domain
 * list edited behind the suite's back is put right.
 */
public class MailboxDomainsStartup implements UserDefinedStartable {
    private final MailboxDomains mailboxDomains;
    private final HostedDomainStore registry;

    @Inject
    public MailboxDomainsStartup(MailboxDomains mailboxDomains, HostedDomainStore registry) {
        this.mailboxDomains = mailboxDomains;
        this.registry = registry;
    }

    @Override
    public void start() {
        mailboxDomains.addAll(registry);
    }
}
