package org.mxsuite.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SortedMap;

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

    @Test
    void theCountsOfTheLast30DaysAreKeptForTheChart() {
        RelayQuota quota = new RelayQuota(new JdbcRelayUsageStore(h2.stateStore()), clock);
        for (int day = 0; day < 32; day++) {
            quota.reserve(DOMAIN, day + 1, 200);
            clock.advance(Duration.ofDays(1));
        }
        // the first reservation of the day (the 33rd) drops what is older than 30 days before it
        quota.reserve(DOMAIN, 100, 200);

        SortedMap<LocalDate, Integer> lastMonth = quota.usedByDay(DOMAIN, 31);
        assertThat(lastMonth).hasSize(31);
        assertThat(lastMonth.firstKey()).isEqualTo(quota.today().minusDays(30));
        assertThat(lastMonth.get(quota.today())).isEqualTo(100);
        assertThat(lastMonth.get(quota.today().minusDays(1))).isEqualTo(32);
        assertThat(new JdbcRelayUsageStore(h2.stateStore()).used(DOMAIN, quota.today().minusDays(31))).isZero();
        assertThat(quota.usedByDay(DOMAIN, 30)).hasSize(30).doesNotContainKey(quota.today().minusDays(30));
    }
}
