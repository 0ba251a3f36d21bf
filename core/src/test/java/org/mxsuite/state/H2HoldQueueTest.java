package org.mxsuite.state;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.hold.HoldQueue;
import org.mxsuite.hold.HoldQueueContract;
import org.mxsuite.hold.MutableClock;

class H2HoldQueueTest implements HoldQueueContract {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    private MutableClock clock;
    private HoldQueue queue;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        queue = new JdbcHoldQueue(h2.stateStore(), clock);
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
