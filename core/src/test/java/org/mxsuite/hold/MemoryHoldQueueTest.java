package org.mxsuite.hold;

import java.time.Instant;

import org.mxsuite.testing.MutableClock;

class MemoryHoldQueueTest implements HoldQueueContract {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final HoldQueue queue = new MemoryHoldQueue(clock);

    @Override
    public HoldQueue queue() {
        return queue;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }
}
