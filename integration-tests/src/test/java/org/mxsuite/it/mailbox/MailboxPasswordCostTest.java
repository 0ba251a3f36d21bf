package org.mxsuite.it.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.core.Username;
import org.apache.james.user.lib.model.Algorithm;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxsuite.accept.common.MailboxPasswordCost;

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

    private long refusal(Username name) throws Exception {
        long start = System.nanoTime();
        assertThat(users.test(name, "wrong")).isFalse();
        cost.afterRefusal(name, "wrong");
        return System.nanoTime() - start;
    }

    /**
     * Known and unknown names refused in turn, so that whatever else the machine does slows both alike, and their
     * medians compared: a timing that other builds on the machine cannot tip.
     */
    @Test
    void aUserThatDoesNotExistIsRefusedAsSlowlyAsOneThatDoes() throws Exception {
        Username known = Username.of("erin");
        Username unknown = Username.of("nobody");
        long[] knownTimes = new long[TRIES];
        long[] unknownTimes = new long[TRIES];
        for (int i = 0; i < 20; i++) {
            refusal(known);
            refusal(unknown);
        }
        for (int i = 0; i < TRIES; i++) {
            knownTimes[i] = refusal(known);
            unknownTimes[i] = refusal(unknown);
        }
        long knownMedian = median(knownTimes);
        long unknownMedian = median(unknownTimes);

        assertThat((double) unknownMedian / knownMedian)
            .as("median unknown %d µs, known %d µs per refusal", unknownMedian / 1000, knownMedian / 1000)
            .isBetween(0.6, 1.6);
    }

    private static long median(long[] times) {
        long[] sorted = times.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
