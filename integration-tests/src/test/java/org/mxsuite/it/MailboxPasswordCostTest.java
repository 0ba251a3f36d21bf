package org.mxsuite.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.core.Username;
import org.apache.james.user.lib.model.Algorithm;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.accept.MailboxPasswordCost;

/**
 * James's own users repository (its memory one, with the algorithm of james-conf/usersrepository.xml) refuses a user
 * that does not exist without hashing anything: with {@link MailboxPasswordCost} after it, both refusals take as long.
 * Compared here without SMTP around them, where a millisecond would drown in the network's noise.
 */
class MailboxPasswordCostTest {
    private static final String ALGORITHM = "PBKDF2-SHA512";
    private static final int TRIES = 300;

    private MemoryUsersRepository users;
    private MailboxPasswordCost cost;

    @BeforeEach
    void setUp() throws Exception {
        users = MemoryUsersRepository.withoutVirtualHosting(null);
        BaseHierarchicalConfiguration configuration = new BaseHierarchicalConfiguration();
        configuration.addProperty("algorithm", ALGORITHM);
        configuration.addProperty("enableVirtualHosting", false);
        users.configure(configuration);
        users.addUser(Username.of("erin"), "erin-secret");
        cost = new MailboxPasswordCost(users, Algorithm.of(ALGORITHM, "PLAIN"));
    }

    private long refusals(String user) throws Exception {
        Username name = Username.of(user);
        long start = System.nanoTime();
        for (int i = 0; i < TRIES; i++) {
            assertThat(users.test(name, "wrong")).isFalse();
            cost.afterRefusal(name, "wrong");
        }
        return System.nanoTime() - start;
    }

    @Test
    void aUserThatDoesNotExistIsRefusedAsSlowlyAsOneThatDoes() throws Exception {
        refusals("erin");
        refusals("nobody");
        long known = refusals("erin");
        long unknown = refusals("nobody");

        assertThat((double) unknown / known).as("unknown %d µs, known %d µs per refusal", unknown / TRIES / 1000, known / TRIES / 1000)
            .isBetween(0.6, 1.6);
    }
}
