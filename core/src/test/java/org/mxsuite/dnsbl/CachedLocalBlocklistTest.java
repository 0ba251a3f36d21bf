package org.mxsuite.dnsbl;

import org.mxsuite.state.H2StateStoreExtension;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.domain.Cidr;
import org.mxsuite.testing.MutableClock;

/** The cache keeps the contract, sees this node's changes at once and another node's within a second. */
class CachedLocalBlocklistTest implements LocalBlocklistContract {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    private MutableClock clock;
    private JdbcLocalBlocklist store;
    private LocalBlocklist blocklist;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        store = new JdbcLocalBlocklist(h2.stateStore(), clock);
        blocklist = new CachedLocalBlocklist(store, clock);
    }

    @Override
    public LocalBlocklist blocklist() {
        return blocklist;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Test
    void anotherNodesChangeShowsWithinASecond() throws Exception {
        InetAddress client = InetAddress.getByName("192.0.2.10");
        assertThat(blocklist.match(client)).isEmpty();

        store.put(new LocalBlocklistEntry(Cidr.parse("192.0.2.0/24"), Optional.empty(), Optional.empty(), clock.instant()));
        assertThat(blocklist.match(client)).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(blocklist.match(client)).isPresent();
    }

    @Test
    void whileTheDatabaseIsAwayTheListAsLastReadApplies() throws Exception {
        blocklist.put(new LocalBlocklistEntry(Cidr.parse("192.0.2.0/24"), Optional.empty(), Optional.empty(), clock.instant()));
        assertThat(blocklist.match(InetAddress.getByName("192.0.2.10"))).isPresent();

        h2.stateStore().close();
        clock.advance(Duration.ofSeconds(2));

        assertThat(blocklist.match(InetAddress.getByName("192.0.2.10"))).isPresent();
        assertThat(blocklist.match(InetAddress.getByName("198.51.100.1"))).isEmpty();
    }
}
