package org.mxsuite.hold;

import org.mxsuite.testing.MutableClock;
import org.mxsuite.state.PostgresStateStoreExtension;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresHoldQueueTest implements HoldQueueContract {
    @RegisterExtension
    static PostgresStateStoreExtension postgres = new PostgresStateStoreExtension();

    private MutableClock clock;
    private HoldQueue queue;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        queue = new JdbcHoldQueue(postgres.stateStore(), clock);
    }

    @Override
    public HoldQueue queue() {
        return queue;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }
}
