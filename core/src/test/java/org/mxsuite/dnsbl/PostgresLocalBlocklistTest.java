package org.mxsuite.dnsbl;

import org.mxsuite.state.PostgresStateStoreExtension;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.testing.MutableClock;

class PostgresLocalBlocklistTest implements LocalBlocklistContract {
    @RegisterExtension
    static PostgresStateStoreExtension postgres = new PostgresStateStoreExtension();

    private MutableClock clock;
    private LocalBlocklist blocklist;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        blocklist = new JdbcLocalBlocklist(postgres.stateStore(), clock);
    }

    @Override
    public LocalBlocklist blocklist() {
        return blocklist;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }
}
