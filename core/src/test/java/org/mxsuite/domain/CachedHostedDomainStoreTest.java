package org.mxsuite.domain;

import org.mxsuite.state.H2StateStoreExtension;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.testing.MutableClock;

class CachedHostedDomainStoreTest implements HostedDomainStoreContract {
    @RegisterExtension
    static H2StateStoreExtension h2 = new H2StateStoreExtension();

    private MutableClock clock;
    private HostedDomainStore cached;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        cached = new CachedHostedDomainStore(new JdbcHostedDomainStore(h2.stateStore()), clock);
    }

    @Override
    public HostedDomainStore store() {
        return cached;
    }

    @Test
    void aChangeMadeThroughAnotherStoreIsSeenWithinASecond() {
        HostedDomainStore otherNode = new JdbcHostedDomainStore(h2.stateStore());
        assertThat(cached.get(EXAMPLE)).as("not hosted, and that answer is kept too").isEmpty();

        otherNode.put(HostedDomain.of(EXAMPLE, ServiceKind.MAILBOX));
        assertThat(cached.get(EXAMPLE)).isEmpty();

        clock.advance(Duration.ofMillis(1001));
        assertThat(cached.get(EXAMPLE)).contains(HostedDomain.of(EXAMPLE, ServiceKind.MAILBOX));
    }

    @Test
    void aChangeMadeThroughThisStoreIsSeenAtOnce() {
        cached.put(HostedDomain.of(EXAMPLE, ServiceKind.BACKUP));
        assertThat(cached.get(EXAMPLE)).contains(HostedDomain.of(EXAMPLE, ServiceKind.BACKUP));

        cached.put(HostedDomain.of(EXAMPLE, ServiceKind.MAILBOX));
        assertThat(cached.get(EXAMPLE)).contains(HostedDomain.of(EXAMPLE, ServiceKind.MAILBOX));

        cached.remove(EXAMPLE);
        assertThat(cached.get(EXAMPLE)).isEmpty();
    }
}
