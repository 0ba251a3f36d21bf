package org.mxsuite.embedded.jpa;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.jpa.JPAUsersRepository;
import org.apache.james.util.ReactorUtils;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;

/**
 * James's JPA users repository, remembering the users it found: the SMTP recipient checks and the mailet matchers ask
 * whether a recipient is a user several times per message. A user it did not find is asked again each time (keeping
 * those too would need every addition to forget them). Passwords
 * are not cached: a login always reads the database. See {@link ExactCache}.
 */
public class CachedUsersRepository extends JPAUsersRepository {
    private final ExactCache<Username, Boolean> users = new ExactCache<>();

    @Inject
    public CachedUsersRepository(DomainList domainList) {
        super(domainList);
    }

    @Override
    public boolean contains(Username name) throws UsersRepositoryException {
        return users.get(name, super::contains, Boolean::booleanValue);
    }

    /** A known user at once; else the database, off the caller's thread as James's own reactive lookup does. */
    @Override
    public Publisher<Boolean> containsReactive(Username name) {
        if (Boolean.TRUE.equals(users.known(name))) {
            return Mono.just(true);
        }
        return Mono.fromCallable(() -> contains(name)).subscribeOn(ReactorUtils.BLOCKING_CALL_WRAPPER);
    }

    @Override
    public void removeUser(Username name) throws UsersRepositoryException {
        try {
            super.removeUser(name);
        } finally {
            users.forget(name);
        }
    }
}
