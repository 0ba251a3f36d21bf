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
import org.apache.james.user.api.model.User;

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

    /**
     * Adds the user {@code localPart@domain} with this password.
     *
     * @throws InvalidSettingException when the address or the password cannot be a user's, or the user exists
     */
    public Username addUser(DomainName domain, String localPart, String password) {
        if (localPart.contains("@")) {
            throw new InvalidSettingException("'" + localPart + "' is not an address of " + domain + ": give the part before the @");
        }
        Username user = userOf(domain, localPart + "@" + domain.asString());
        requirePassword(password);
        try {
            if (users.contains(user)) {
                throw new InvalidSettingException("user " + user.asString() + " exists already");
            }
            users.addUser(user, password);
            return user;
        } catch (UsersRepositoryException e) {
            throw new InvalidSettingException("cannot add " + user.asString() + ": " + e.getMessage());
        }
    }

    /** Removes a user of {@code domain}; false when there was none. */
    public boolean removeUser(DomainName domain, String address) {
        Username user = userOf(domain, address);
        try {
            if (!users.contains(user)) {
                return false;
            }
            users.removeUser(user);
            return true;
        } catch (UsersRepositoryException e) {
            throw new IllegalStateException("cannot remove " + user.asString(), e);
        }
    }

    /** Gives a user of {@code domain} a new password; false when there is no such user. */
    public boolean setPassword(DomainName domain, String address, String password) {
        Username user = userOf(domain, address);
        requirePassword(password);
        try {
            User found = users.getUserByName(user);
            if (found == null) {
                return false;
            }
            found.setPassword(password);
            users.updateUser(found);
            return true;
        } catch (UsersRepositoryException e) {
            throw new InvalidSettingException("cannot change the password of " + user.asString() + ": " + e.getMessage());
        }
    }

    /** A user name of this domain only: an address of another domain is refused. */
    private static Username userOf(DomainName domain, String address) {
        Username user;
        try {
            user = Username.of(address.trim().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("'" + address + "' is not a user's address: " + e.getMessage());
        }
        if (!user.getDomainPart().map(part -> part.asString().equals(domain.asString())).orElse(false)
            || user.getLocalPart().isBlank() || address.chars().anyMatch(c -> c <= ' ')) {
            throw new InvalidSettingException("'" + address + "' is not an address of " + domain);
        }
        return user;
    }

    private static void requirePassword(String password) {
        if (password == null || password.isEmpty()) {
            throw new InvalidSettingException("a password is required");
        }
        MailboxPasswordRule.problem(password).ifPresent(problem -> {
            throw new InvalidSettingException(problem);
        });
    }
}
