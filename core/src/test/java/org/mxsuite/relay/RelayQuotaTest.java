package org.mxsuite.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mxsuite.domain.DomainName;
import org.mxsuite.testing.MutableClock;
import org.mxsuite.state.H2StateStoreExtension;


class RelayQuotaTest {
    private static final DomainName DOMAIN = DomainName.of("a.example.net");

    @RegisterExtension
    H2StateStoreExtension h2 = new H2StateStoreExtension();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T23:59:30Z"));

    @Test
    void theQuotaStartsAgainAtMidnightUtc() {
        RelayQuota quota = new RelayQuota(new JdbcRelayUsageStore(h2.stateStore()), clock);
        assertThat(quota.reserve(DOMAIN, 200, 200).accepted()).isTrue();
        assertThat(quota.wouldFit(DOMAIN, 1, 200)).isFalse();
        assertThat(quota.resetsAt()).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));

        clock.advance(Duration.ofSeconds(30));

        assertThat(quota.usedToday(DOMAIN)).isZero();
        assertThat(quota.wouldFit(DOMAIN, 200, 200)).isTrue();
        assertThat(quota.resetsAt()).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
    }

    @Test
    void resetGivesTheWholeQuotaBack() {
        RelayQuota quota = new RelayQuota(new JdbcRelayUsageStore(h2.stateStore()), clock);
        quota.reserve(DOMAIN, 150, 200);

        quota.resetToday(DOMAIN);

        assertThat(quota.usedToday(DOMAIN)).isZero();
    }
}
