package org.mxsuite.domain;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;

/**
 * The {@code mailbox} service is James's own: its domain is one of James's local domains (its DomainList), so that
 * James accepts mail for its users, delivers it to their INBOX and lets them log in. A domain should leave James's
 * list only once it has no users left, so that no mailbox is orphaned behind a domain James no longer serves.
 */
public class MailboxDomains {
    private final DomainList domainList;
    private final UsersRepository users;

    @Inject
    public MailboxDomains(DomainList domainList, UsersRepository users) {
        this.domainList = domainList;
        this.users = users;
    }

    public void add(DomainName name) {
        Domain domain = Domain.of(name.asString());
        try {
            if (!domainList.containsDomain(domain)) {
                domainList.addDomain(domain);
            }
        } catch (DomainListException e) {
            throw new IllegalStateException("cannot add " + name + " to James's domains", e);
        }
    }

    public void remove(DomainName name) {
        Domain domain = Domain.of(name.asString());
        try {
            if (domainList.containsDomain(domain)) {
                domainList.removeDomain(domain);
            }
        } catch (DomainListException e) {
            throw new IllegalStateException("cannot remove " + name + " from James's domains", e);
        }
    }

    /** The users James has at this domain. */
    public List<Username> usersOf(DomainName name) {
        Domain domain = Domain.of(name.asString());
        List<Username> found = new ArrayList<>();
        try {
            Iterator<Username> all = users.list();
            while (all.hasNext()) {
                Username user = all.next();
                if (user.getDomainPart().map(domain::equals).orElse(false)) {
                    found.add(user);
                }
            }
        } catch (UsersRepositoryException e) {
            throw new IllegalStateException("cannot list James's users", e);
        }
        return found;
    }
}
