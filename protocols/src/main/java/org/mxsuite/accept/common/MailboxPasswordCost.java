package org.mxsuite.accept.common;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.core.Username;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.lib.model.Algorithm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * James refuses a password at once when the user does not exist, and only after hashing it when the user does: the
 * time of the refusal would tell which mailbox addresses exist. After a refusal of a user that does not exist, this
 * hashes the password as James would have (the algorithm of {@code usersrepository.xml}), so that both take as long.
 */
@Singleton
public class MailboxPasswordCost {
    private static final Logger LOGGER = LoggerFactory.getLogger(MailboxPasswordCost.class);

    private final UsersRepository users;
    private final Algorithm algorithm;

    @Inject
    public MailboxPasswordCost(UsersRepository users, ConfigurationProvider configurations) {
        this(users, algorithmOf(configurations));
    }

    public MailboxPasswordCost(UsersRepository users, Algorithm algorithm) {
        this.users = users;
        this.algorithm = algorithm;
    }

    /** James's defaults where usersrepository.xml says nothing (its memory and JPA users). */
    private static Algorithm algorithmOf(ConfigurationProvider configurations) {
        try {
            HierarchicalConfiguration<ImmutableNode> configuration = configurations.getConfiguration("usersrepository");
            return Algorithm.of(configuration.getString("algorithm", "PBKDF2"), configuration.getString("hashingMode", "PLAIN"));
        } catch (ConfigurationException | RuntimeException e) {
            LOGGER.warn("cannot read the password algorithm of usersrepository.xml; unknown users are answered with PBKDF2's cost", e);
            return Algorithm.of("PBKDF2");
        }
    }

    /** After James refused {@code password} for {@code user}: spends a check's time when there is no such user. */
    public void afterRefusal(Username user, String password) {
        try {
            if (user == null || users.contains(user)) {
                return;
            }
        } catch (UsersRepositoryException e) {
            return;
        }
        algorithm.digest(password == null ? "" : password, user.asString());
    }
}
