package org.mxsuite.ban;

import org.mxsuite.state.H2StateStoreExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class H2BanStoreTest implements BanStoreContract {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    @Override
    public BanStore store() {
        return new JdbcBanStore(h2.stateStore());
    }

    @Test
    void bansSurviveReopening() {
        Ban ban = new Ban(ATTACKER, "x", 11, NOW, NOW.plusSeconds(3600));
        store().ban(ban);

        assertThat(new JdbcBanStore(h2.reopen()).activeBan(ATTACKER, NOW)).contains(ban);
    }
}
