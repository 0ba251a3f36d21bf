package org.mxsuite.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mxsuite.domain.Cidr;

class LocalBlocklistEntryTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Cidr NETWORK = Cidr.parse("192.0.2.0/24");

    @Test
    void anEntryExpiresAtAnInstantOrAfterADurationOrNever() {
        assertThat(LocalBlocklistEntry.requested(NETWORK, Optional.of("spam"), Optional.empty(), Optional.of("7d"), NOW).expires())
            .contains(NOW.plus(Duration.ofDays(7)));
        assertThat(LocalBlocklistEntry.requested(NETWORK, Optional.empty(), Optional.of("2099-01-01T00:00:00Z"), Optional.empty(), NOW)
            .expires()).contains(Instant.parse("2099-01-01T00:00:00Z"));
        assertThat(LocalBlocklistEntry.requested(NETWORK, Optional.empty(), Optional.empty(), Optional.empty(), NOW).expires()).isEmpty();
    }

    @Test
    void bothExpiriesAnUnreadableOneOrOneInThePastAreRefused() {
        assertThatThrownBy(() -> LocalBlocklistEntry.requested(NETWORK, Optional.empty(), Optional.of("2099-01-01T00:00:00Z"),
            Optional.of("7d"), NOW)).hasMessage("give expires or expiresIn, not both");
        assertThatThrownBy(() -> LocalBlocklistEntry.requested(NETWORK, Optional.empty(), Optional.of("tomorrow"), Optional.empty(), NOW))
            .hasMessage("expires must be an instant such as 2026-12-01T00:00:00Z");
        assertThatThrownBy(() -> LocalBlocklistEntry.requested(NETWORK, Optional.empty(), Optional.of("2001-01-01T00:00:00Z"),
            Optional.empty(), NOW)).hasMessage("expires is in the past");
    }
}
