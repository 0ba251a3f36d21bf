package org.mxsuite.dnsbl;

import org.mxsuite.state.H2StateStoreExtension;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.testing.MutableClock;

class H2LocalBlocklistTest implements LocalBlocklistContract {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    private MutableClock clock;
    private LocalBlocklist blocklist;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        blocklist = new JdbcLocalBlocklist(h2.stateStore(), clock);
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
