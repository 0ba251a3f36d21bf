package org.mxsuite.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class HoldPolicyTest {
    private static final Destination CUSTOMER = Destination.of("mx.customer.example", 2525);

    @Test
    void aSettingLeftOutKeepsItsDefault() {
        HoldPolicy policy = HoldPolicy.builder().paused(true).build();

        assertThat(policy.paused()).isTrue();
        assertThat(policy.destination()).isEmpty();
        assertThat(policy.retryInterval()).isEqualTo(HoldPolicy.DEFAULT_RETRY_INTERVAL);
        assertThat(policy.retention()).contains(HoldPolicy.DEFAULT_RETENTION);
        assertThat(policy.quotaMessages()).isEqualTo(HoldPolicy.DEFAULT_QUOTA_MESSAGES);
        assertThat(policy.quotaBytes()).isEqualTo(HoldPolicy.DEFAULT_QUOTA_BYTES);
        assertThat(policy.tls()).isEqualTo(TlsPolicy.OPPORTUNISTIC);
        assertThat(policy.recipients()).isEmpty();
    }

    @Test
    void toBuilderKeepsEverySetting() {
        HoldPolicy policy = HoldPolicy.builder().destination(CUSTOMER).retryInterval(Duration.ofMinutes(5))
            .retention(Optional.empty()).quotaMessages(7).quotaBytes(2L << 20).paused(true).tls(TlsPolicy.REQUIRED)
            .recipients(Set.of("alice")).build();

        assertThat(policy.toBuilder().build()).isEqualTo(policy).hasSameHashCodeAs(policy);
        assertThat(policy.toBuilder().quotaMessages(8).build()).isNotEqualTo(policy);
        assertThat(policy).isNotEqualTo(HoldPolicy.DEFAULT);
    }

    @Test
    void aConnectionIsReusedWhileDestinationAndTlsStayTheSame() {
        HoldPolicy connectedFor = HoldPolicy.builder().destination(CUSTOMER).build();

        assertThat(connectedFor.toBuilder().retryInterval(Duration.ofMinutes(1)).paused(true).build().connectsAs(connectedFor))
            .isTrue();
        assertThat(connectedFor.toBuilder().tls(TlsPolicy.REQUIRED).build().connectsAs(connectedFor)).isFalse();
        assertThat(connectedFor.toBuilder().destination(Destination.of("mx2.customer.example", 25)).build()
            .connectsAs(connectedFor)).isFalse();
        assertThat(HoldPolicy.DEFAULT.connectsAs(connectedFor)).isFalse();
    }
}
