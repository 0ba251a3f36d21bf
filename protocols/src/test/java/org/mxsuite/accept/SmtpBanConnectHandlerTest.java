package org.mxsuite.accept;

import org.mxsuite.accept.common.EmptyResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.james.protocols.api.Response;
import org.junit.jupiter.api.Test;
import org.mxsuite.accept.testing.FakeSmtpSession;
import org.mxsuite.ban.BanSettings;
import org.mxsuite.ban.BruteForceGuard;
import org.mxsuite.ban.ClientAddress;
import org.mxsuite.ban.MemoryBanStore;
import org.mxsuite.testing.MutableClock;

class SmtpBanConnectHandlerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final BruteForceGuard guard = new BruteForceGuard(new MemoryBanStore(),
        new BanSettings(3, Duration.ofHours(1), Duration.ofHours(1), List.of()), clock);
    private final SmtpBanConnectHandler handler = new SmtpBanConnectHandler(guard);

    @Test
    void aBannedAddressIsToldWhyAndUntilWhenAndDisconnected() {
        guard.ban(ClientAddress.parse("192.0.2.7"), "by hand", Optional.of(Duration.ofMinutes(30)));

        Response response = handler.onConnect(FakeSmtpSession.from("192.0.2.7"));

        assertThat(response.getRetCode()).isEqualTo("554");
        assertThat(response.getLines()).singleElement().asString()
            .isEqualTo("554 5.7.1 192.0.2.7 is banned after too many failed logins; try again after 2026-11-25T10:30:00Z");
        assertThat(response.isEndSession()).isTrue();
    }

    @Test
    void anAddressInABannedSlash64IsRefusedToo() {
        for (int i = 1; i <= 7; i++) {
            guard.loginFailed(ClientAddress.parse("2001:db8:0:1::" + i), org.mxsuite.ban.Protocol.SMTP, null);
        }

        assertThat(handler.onConnect(FakeSmtpSession.from("2001:db8:0:1::99")).getRetCode()).isEqualTo("554");
    }

    @Test
    void othersAreLetThroughSilently() {
        guard.ban(ClientAddress.parse("192.0.2.7"), "by hand", Optional.empty());

        assertThat(handler.onConnect(FakeSmtpSession.from("192.0.2.8"))).isSameAs(EmptyResponse.INSTANCE);
        clock.advance(Duration.ofHours(1));
        assertThat(handler.onConnect(FakeSmtpSession.from("192.0.2.7"))).as("expired").isSameAs(EmptyResponse.INSTANCE);
    }
}
