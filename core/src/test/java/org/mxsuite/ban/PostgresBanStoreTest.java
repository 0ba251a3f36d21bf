package org.mxsuite.ban;

import org.mxsuite.state.PostgresStateStoreExtension;
import org.mxsuite.state.StateStore;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresBanStoreTest implements BanStoreContract {
    @RegisterExtension
    static PostgresStateStoreExtension postgres = new PostgresStateStoreExtension();

    @Override
    public BanStore store() {
        return new JdbcBanStore(postgres.stateStore());
    }

    @Test
    void anotherNodeSeesTheSameBansAndCounts() {
        Ban ban = new Ban(ATTACKER, "x", 11, NOW, NOW.plusSeconds(3600));
        store().ban(ban);
        store().recordFailure(OTHER, Protocol.SMTP, NOW, NOW.minusSeconds(3600));

        try (StateStore another = postgres.openAnother()) {
            BanStore otherNode = new JdbcBanStore(another);
            assertThat(otherNode.activeBan(ATTACKER, NOW)).contains(ban);
            assertThat(otherNode.recordFailure(OTHER, Protocol.IMAP, NOW.plusSeconds(1), NOW.minusSeconds(3600))).isEqualTo(2);
        }
    }
}
