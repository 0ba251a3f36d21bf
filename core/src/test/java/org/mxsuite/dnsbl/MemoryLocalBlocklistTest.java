package org.mxsuite.dnsbl;

import java.time.Instant;

import org.mxsuite.testing.MutableClock;

class MemoryLocalBlocklistTest implements LocalBlocklistContract {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final LocalBlocklist blocklist = new MemoryLocalBlocklist(clock);

    @Override
    public LocalBlocklist blocklist() {
        return blocklist;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }
}
