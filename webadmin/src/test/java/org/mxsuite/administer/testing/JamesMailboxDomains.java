package org.mxsuite.administer.testing;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.mxsuite.domain.MailboxDomains;

/** {@link MailboxDomains} on James's in-memory domain list and users, which a test can look into and fill. */
public final class JamesMailboxDomains {
    private final MemoryDomainList domainList;
    private final MemoryUsersRepository users;
    private final MailboxDomains mailboxDomains;

    public JamesMailboxDomains() {
        try {
            // no DNS: with both detections off, the domain list never asks it
            domainList = new MemoryDomainList(null);
            domainList.configure(DomainListConfiguration.builder().autoDetect(false).autoDetectIp(false).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        users = MemoryUsersRepository.withVirtualHosting(domainList);
        mailboxDomains = new MailboxDomains(domainList, users);
    }

    public MailboxDomains mailboxDomains() {
        return mailboxDomains;
    }

    public boolean isJamesDomain(String domain) throws DomainListException {
        return domainList.containsDomain(Domain.of(domain));
    }

    /** A user of James at a domain James has. */
    public void addUser(String address) throws UsersRepositoryException {
        users.addUser(Username.of(address), "password");
    }
}
